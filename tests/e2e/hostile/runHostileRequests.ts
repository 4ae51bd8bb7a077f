import { checkAnswer, codesOf } from './checkAnswer';
import type { NumberedRequest } from './hostileRequest';
import { sendRawRequest } from './sendRawRequest';

/** One request the gateway answered wrongly, with what is needed to replay it. */
export interface HostileFailure {
  graph: string;
  index: number;
  category: string;
  description: string;
  problem: string;
  status: number;
  body: string;
}

/** Per graph and category: how many requests, by HTTP status and by error code. */
export interface HostileTally {
  sent: number;
  byCategory: Record<
    string,
    { sent: number; ms: number; statuses: Record<string, number>; codes: Record<string, number> }
  >;
  failures: HostileFailure[];
}

const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/**
 * Sends every request of `requests` to the gateway on `port`, `concurrency` at a time (each over its own
 * connection), checks each answer, and tallies them. Stops pulling new requests once `deadline` (epoch ms) passes,
 * so a slow machine shortens the run instead of timing it out.
 */
export async function runHostileRequests(
  port: number,
  requests: Iterator<NumberedRequest>,
  options: { concurrency: number; timeoutMs: number; deadline: number; maxBodyBytes: number },
): Promise<HostileTally> {
  const tally: HostileTally = { sent: 0, byCategory: {}, failures: [] };
  const worker = async () => {
    for (;;) {
      if (Date.now() > options.deadline) return;
      const next = requests.next();
      if (next.done) return;
      const request = next.value;
      const started = performance.now();
      const response = await sendRawRequest(port, request, options.timeoutMs);
      tally.sent++;
      const entry = tally.byCategory[request.category] ?? { sent: 0, ms: 0, statuses: {}, codes: {} };
      tally.byCategory[request.category] = entry;
      entry.sent++;
      entry.ms += performance.now() - started;
      bump(entry.statuses, String(response.status || response.failure));
      for (const code of new Set(codesOf(response))) bump(entry.codes, code);
      const problem = checkAnswer(response, { bodyOverLimit: (request.body?.length ?? 0) > options.maxBodyBytes });
      if (problem) {
        tally.failures.push({
          graph: request.graph,
          index: request.index,
          category: request.category,
          description: request.description,
          problem,
          status: response.status,
          body: response.body.slice(0, 300),
        });
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return tally;
}
