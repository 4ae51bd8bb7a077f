import { autocannon } from '../autocannon';
import { processCpuMs, processRssMiB, waitUntilIdle } from './processCpu';

/** The figures of one load run. */
export interface LoadFigures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /**
   * CPU time the gateway process spent per request sent, in ms (from the run's start until it and the subgraphs
   * are idle again, so requests finished after the client hung up count too); undefined without procfs.
   */
  cpuMsPerRequest?: number;
  /** The gateway's resident set size once the run is over and it is idle, in MiB; undefined without procfs. */
  rssMiB?: number;
}

/** What to load: a GraphQL URL, the headers of every request, and the bodies sent in turn. */
export interface LoadTarget {
  url: string;
  headers: Record<string, string>;
  bodies: string[];
  /** The gateway's process, whose CPU time is measured. */
  pid?: number;
  /** Processes that must be idle before a run counts as over (the gateway and the subgraphs). */
  settlePids?: (number | undefined)[];
}

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

/**
 * Sends each body once (up to `limit`) and returns the parsed `data` of each; throws unless every answer is 200
 * with data and without `errors`, since a benchmark of error responses measures nothing.
 */
export async function fetchEach(target: LoadTarget, limit = target.bodies.length): Promise<unknown[]> {
  const results: unknown[] = [];
  for (const body of target.bodies.slice(0, limit)) {
    const response = await fetch(target.url, { method: 'POST', headers: { ...JSON_HEADERS, ...target.headers }, body });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${target.url} answered ${response.status}: ${text.slice(0, 500)}`);
    const parsed = JSON.parse(text) as { data?: unknown; errors?: unknown };
    if (parsed.errors || !parsed.data) throw new Error(`${target.url} answered with errors: ${text.slice(0, 500)}`);
    results.push(parsed.data);
  }
  return results;
}

/**
 * Loads the target with autocannon for `seconds` over `connections` keep-alive connections, each request taking
 * the next body in turn (one counter across connections, so concurrent requests differ), then waits until the
 * target's processes are idle. Throws when any response was not a 200 without `errors`, or a request failed or
 * timed out.
 */
export async function runLoad(target: LoadTarget, connections: number, seconds: number): Promise<LoadFigures> {
  let next = 0;
  let bad = 0;
  let firstBad = '';
  const cpuBefore = processCpuMs(target.pid);
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    headers: { ...JSON_HEADERS, ...target.headers },
    connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        setupRequest(request) {
          const body = target.bodies[next++ % target.bodies.length];
          return { ...request, body };
        },
        onResponse(status, body) {
          // Every GraphQL error response still starts with `{"errors"` or carries an `"errors"` key at the top
          // level; a cheap substring test keeps the load generator's own cost small.
          if (status !== 200 || body.includes('"errors":')) {
            bad++;
            firstBad ||= `${status} ${body.slice(0, 300)}`;
          }
        },
      },
    ],
  });
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0 || bad > 0) {
    throw new Error(
      `load on ${target.url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx, ` +
        `${bad} responses with GraphQL errors${firstBad ? ` (first: ${firstBad})` : ''}`,
    );
  }
  if (result.requests.total === 0) throw new Error(`load on ${target.url}: no request completed`);
  await waitUntilIdle(target.settlePids ?? [target.pid]);
  const cpuAfter = processCpuMs(target.pid);
  const rssMiB = processRssMiB(target.pid);
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMsPerRequest:
      cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / result.requests.sent,
    ...(rssMiB === undefined ? {} : { rssMiB }),
  };
}
