/**
 * Admission for large requests: at most `concurrency` requests with a body over `thresholdBytes` are read and
 * served at once, and together they are paced to `bytesPerSecond` of declared body; the others wait, unread, so TCP
 * backpressure slows their senders instead of their bodies filling the gateway's memory and event loop. Small
 * requests never wait. A waiting request gives up its place when its connection closes.
 */
export interface LargeRequestGate {
  /** Whether a request declaring this many body bytes (`content-length`, or -1 when unknown) must pass the gate. */
  isLarge(declaredBytes: number): boolean;
  /** Resolves with a release function once the request may proceed; undefined if `signal` aborted first. */
  enter(declaredBytes: number, signal: AbortSignal): Promise<(() => void) | undefined>;
}

export interface LargeRequestGateOptions {
  thresholdBytes: number;
  concurrency: number;
  bytesPerSecond: number;
  /** Clock in ms. Default `Date.now`. */
  now?: () => number;
}

export function createLargeRequestGate(options: LargeRequestGateOptions): LargeRequestGate {
  const now = options.now ?? Date.now;
  let active = 0;
  // When the pace lets the next large body in: each one moves it on by its size at `bytesPerSecond`.
  let nextAt = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    active--;
    waiting.shift()?.();
  };
  return {
    isLarge: (declared) => declared < 0 || declared > options.thresholdBytes,
    enter(declared, signal) {
      return new Promise((resolve) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const abandon = () => {
          const index = waiting.indexOf(admit);
          if (index >= 0) waiting.splice(index, 1);
          if (timer) {
            clearTimeout(timer);
            release();
          }
          resolve(undefined);
        };
        const admit = () => {
          active++;
          const at = Math.max(now(), nextAt);
          nextAt = at + (Math.max(declared, options.thresholdBytes) / options.bytesPerSecond) * 1000;
          const go = () => {
            timer = undefined;
            signal.removeEventListener('abort', abandon);
            resolve(once(release));
          };
          const wait = at - now();
          if (wait <= 0) go();
          else timer = setTimeout(go, wait);
        };
        if (signal.aborted) return resolve(undefined);
        signal.addEventListener('abort', abandon, { once: true });
        if (active < options.concurrency) admit();
        else waiting.push(admit);
      });
    },
  };
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
