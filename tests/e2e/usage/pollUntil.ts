/**
 * Reads `read()` every `intervalMs` (default 100) until `done` accepts the value, and resolves with it; rejects after
 * `timeoutMs` (default 20,000) with what `show` picks of the last value read, so a wait that never ends says what it
 * saw instead of timing the test out.
 */
export async function pollUntil<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  {
    timeoutMs = 20_000,
    intervalMs = 100,
    show = (value: T) => value,
  }: {
    timeoutMs?: number;
    intervalMs?: number;
    /** What of the last value to print when the wait gives up. Default: all of it. */
    show?: (value: T) => unknown;
  } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`${what}: still not there after ${timeoutMs} ms; last read ${JSON.stringify(show(value))}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
