/**
 * A subgraph that streams 300 MB: how much memory does the gateway take? Runs the gateway as its own process at
 * the default SUBGRAPH_MAX_RESPONSE_BYTES (32 MiB) over a plain two-subgraph graph, sends one query whose fetch to
 * the streaming subgraph goes over the limit, and reports the gateway's idle RSS, its peak RSS (the kernel's
 * high-water mark, `VmHWM`) and how much the subgraph got to send. The target is a peak within 300 MiB of idle.
 *
 * `npx tsx tests/bench/subgraphResponseSize.bench.ts` (not part of `npm test`; `npm run bench` runs it).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

const STREAM_BYTES = 300 * 1000 * 1000;
const TARGET_MIB = 300;
const MIB = 1024 * 1024;

const FAST = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { ping: String }
`;
const HUGE = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { blob: String }
`;

let streamed = { bytes: 0, finished: false };

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`)),
  );
}

const fast = createServer((request, response) => {
  request.resume();
  request.once('end', () =>
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"ping":"pong"}}'),
  );
});
const huge = createServer((request, response) => {
  request.resume();
  request.once('end', () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    streamed = { bytes: 0, finished: false };
    response.once('close', () => {
      streamed.finished = response.writableFinished;
    });
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write('{"data":{"blob":"');
    const pump = () => {
      while (!response.destroyed && streamed.bytes + chunk.length < STREAM_BYTES) {
        streamed.bytes += chunk.length;
        if (!response.write(chunk)) return void response.once('drain', pump);
      }
      if (!response.destroyed) response.end('"}}');
    };
    pump();
  });
});

async function memory(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const dir = await mkdtemp(join(tmpdir(), 'switchyard-response-size-'));
const [fastUrl, hugeUrl] = await Promise.all([listen(fast), listen(huge)]);
const composed = composeServices([
  { name: 'fast', typeDefs: parse(FAST), url: fastUrl },
  { name: 'huge', typeDefs: parse(HUGE), url: hugeUrl },
]);
if (composed.errors) throw new Error(composed.errors.map((error) => error.message).join('\n'));
const supergraph = join(dir, 'supergraph.graphql');
await writeFile(supergraph, composed.supergraphSdl);

const port = await freePort();
const main = fileURLToPath(new URL('../../gateway/src/main.ts', import.meta.url));
const gateway = spawn(process.execPath, ['--import', 'tsx', main], {
  env: {
    ...process.env,
    SUPERGRAPH: supergraph,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    BUDGETS_ENABLED: 'false',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const url = `http://127.0.0.1:${port}/graphql`;
const query = (text: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: text }),
  });

try {
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(`http://127.0.0.1:${port}/ready`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline) throw new Error('the gateway was not ready within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // Warm up (plans, pools, JIT) so idle means a gateway that has served, not one that just started.
  for (let i = 0; i < 20; i++) await (await query('{ ping }')).text();
  (global as { gc?: () => void }).gc?.();
  const idle = await memory(gateway.pid ?? 0);

  const started = performance.now();
  const response = await query('{ ping blob }');
  const body = (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
  const elapsedMs = performance.now() - started;
  const after = await memory(gateway.pid ?? 0);

  const peakOverIdleMiB = (after.peak - idle.rss) / MIB;
  const codes = (body.errors ?? []).map((error) => error.extensions?.code);
  console.log(`subgraph streaming ${STREAM_BYTES / 1e6} MB, SUBGRAPH_MAX_RESPONSE_BYTES default (32 MiB)`);
  console.log(
    `  response:        HTTP ${response.status}, data ${JSON.stringify(body.data)}, errors ${codes.join(', ')}`,
  );
  console.log(`  answered in:     ${elapsedMs.toFixed(0)} ms`);
  console.log(
    `  subgraph sent:   ${(streamed.bytes / MIB).toFixed(1)} MiB before the gateway hung up (finished: ${streamed.finished})`,
  );
  console.log(
    `  gateway idle RSS ${(idle.rss / MIB).toFixed(0)} MiB (peak before the query ${(idle.peak / MIB).toFixed(0)} MiB)`,
  );
  console.log(
    `  gateway peak RSS ${(after.peak / MIB).toFixed(0)} MiB, ${peakOverIdleMiB.toFixed(0)} MiB over idle (target ≤ ${TARGET_MIB} MiB)`,
  );
  if (!codes.includes('SUBGRAPH_RESPONSE_TOO_LARGE') || peakOverIdleMiB > TARGET_MIB) process.exitCode = 1;
} finally {
  gateway.kill('SIGTERM');
  await new Promise((resolve) => gateway.once('exit', resolve));
  fast.close();
  huge.close();
  fast.closeAllConnections();
  huge.closeAllConnections();
  await rm(dir, { recursive: true, force: true });
}
