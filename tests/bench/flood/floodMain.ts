/**
 * Child process of the flood benchmark: SENDERS keep-alive connections each POSTing the FLOOD_BYTES document to
 * URL back to back for SECONDS, then the ready line with what was answered (so the flood's own client work never
 * runs in the process that times the small queries).
 */
import { autocannon } from '../autocannon';
import { announceReady } from '../gateway/readyLine';
import { floodDocument } from './floodDocument';

const url = process.env.URL ?? '';
const body = JSON.stringify({ query: floodDocument(Number(process.env.FLOOD_BYTES ?? 1_000_000)) });
const statuses: Record<string, number> = {};
const result = await autocannon({
  url,
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/json' },
  connections: Number(process.env.SENDERS ?? 4),
  duration: Number(process.env.SECONDS ?? 10),
  timeout: 60,
  body,
  requests: [
    {
      method: 'POST',
      body,
      onResponse(status, responseBody) {
        const code = /"code":"([A-Z_]+)"/.exec(responseBody.slice(0, 500))?.[1] ?? 'none';
        const key = `${status} ${code}`;
        statuses[key] = (statuses[key] ?? 0) + 1;
      },
    },
  ],
});
announceReady({
  answered: result.requests.total,
  errors: result.errors,
  timeouts: result.timeouts,
  statuses,
  bodyBytes: body.length,
});
