/**
 * Child process of the gateway benchmark: one HTTP server standing in for every subgraph of UPSTREAM_URLS (JSON,
 * name → URL) at `/<name>/graphql`. It first records: each request is forwarded to the real subgraph and its answer
 * kept (`precomputedResponses.ts`). After `POST /__replay` it only replays: the body is looked up and the recorded
 * bytes written, with no parsing, validation or database, so the gateways in front of it do nearly all the work.
 * A request that was never recorded answers 500 with a GraphQL error, which fails the benchmark's run.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallerKind, createPrecomputedResponses } from './precomputedResponses';
import { announceReady } from './readyLine';

const upstream = JSON.parse(process.env.UPSTREAM_URLS ?? '{}') as Record<string, string>;
const store = createPrecomputedResponses();
let replaying = false;
const IDENTITY_HEADER = 'x-switchyard-identity';
// Headers a forwarded request must not copy: they describe this hop.
const HOP_HEADERS = new Set(['host', 'connection', 'content-length', 'keep-alive', 'transfer-encoding']);

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.once('end', () =>
      resolve(chunks.length === 1 ? (chunks[0] as Buffer).toString() : Buffer.concat(chunks).toString()),
    );
    request.once('error', reject);
  });
}

const notRecorded = (name: string) =>
  Buffer.from(JSON.stringify({ errors: [{ message: `no precomputed response of ${name} for this request` }] }));

const server = createServer((request, response) => {
  void (async () => {
    const url = request.url ?? '';
    if (url === '/__replay') {
      replaying = true;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ responses: store.size }));
      return;
    }
    const name = url.slice(1, url.indexOf('/', 1));
    const target = upstream[name];
    if (!target) {
      response.writeHead(404).end();
      return;
    }
    const body = await readBody(request);
    const caller = request.headers[IDENTITY_HEADER] ? CallerKind.SIGNED : CallerKind.ANONYMOUS;
    if (replaying) {
      const recorded = store.lookup(name, caller, body);
      const answer = recorded ?? { status: 500, body: notRecorded(name) };
      response.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': answer.body.length });
      response.end(answer.body);
      return;
    }
    const headers: Record<string, string> = {};
    for (const [header, value] of Object.entries(request.headers)) {
      if (!HOP_HEADERS.has(header) && typeof value === 'string') headers[header] = value;
    }
    const forwarded = await fetch(target, { method: 'POST', headers, body });
    const recorded = { status: forwarded.status, body: Buffer.from(await forwarded.arrayBuffer()) };
    store.record(name, caller, body, recorded);
    response.writeHead(recorded.status, { 'content-type': 'application/json', 'content-length': recorded.body.length });
    response.end(recorded.body);
  })().catch((error: unknown) => {
    console.error(error);
    if (!response.headersSent) response.writeHead(502);
    response.end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const urls = Object.fromEntries(Object.keys(upstream).map((name) => [name, `${base}/${name}/graphql`]));
  announceReady({ urls, replay: `${base}/__replay` });
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
