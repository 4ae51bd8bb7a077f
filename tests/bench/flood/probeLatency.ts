import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/** What the stream of small queries saw: latencies of the answered ones, and the ones that failed. */
export interface ProbeFigures {
  sent: number;
  /** Latency of every 200 without errors, in ms. */
  latencies: number[];
  /** Requests that timed out, failed, or were not a 200 without errors. */
  failed: number;
  firstFailure?: string;
}

function post(agent: Agent, url: URL, body: string, timeoutMs: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        response.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Sends `query` to `url` at a fixed `ratePerSecond` for `seconds`, whether or not earlier requests answered (an
 * open loop, so a stalled gateway shows in the latencies instead of slowing the probe down), over keep-alive
 * connections, and resolves once every request answered or timed out.
 */
export async function probeLatency(
  url: string,
  query: string,
  options: { ratePerSecond: number; seconds: number; timeoutMs: number },
): Promise<ProbeFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const target = new URL(url);
  const body = JSON.stringify({ query });
  const figures: ProbeFigures = { sent: 0, latencies: [], failed: 0 };
  const inflight: Promise<void>[] = [];
  const interval = 1000 / options.ratePerSecond;
  const started = performance.now();
  const total = Math.round(options.ratePerSecond * options.seconds);
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    figures.sent++;
    const sentAt = performance.now();
    inflight.push(
      post(agent, target, body, options.timeoutMs).then(
        ({ status, text }) => {
          if (status === 200 && !text.includes('"errors"')) figures.latencies.push(performance.now() - sentAt);
          else {
            figures.failed++;
            figures.firstFailure ??= `${status} ${text.slice(0, 200)}`;
          }
        },
        (error: unknown) => {
          figures.failed++;
          figures.firstFailure ??= error instanceof Error ? error.message : String(error);
        },
      ),
    );
  }
  await Promise.all(inflight);
  agent.destroy();
  return figures;
}
