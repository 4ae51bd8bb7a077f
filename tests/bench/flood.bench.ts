/**
 * Flood benchmark: while four senders flood 1 MB documents over the token limit, does a stream of small queries
 * still answer quickly? Runs stock `@apollo/gateway` (Apollo Server's standalone server) and `switchyard-gateway`
 * with its defaults (MAX_TOKENS 5000, MAX_BODY_BYTES 1 MiB) over the same plain third-party-style graph, one after
 * the other in one run, each in its own process. For each: a small query at a fixed rate (an open loop) alone, then
 * the same stream while a child process keeps SENDERS connections posting the flood document back to back. Prints
 * p50/p99 of the small queries idle and flooded, the flood requests answered, the gateway's CPU per request and its
 * peak RSS, and ours/stock. Ours' target: flooded p99 under 100 ms, printed as met or missed; like the gateway
 * benchmark it exits non-zero only when something broke (ours does not refuse the flood with TOKEN_LIMIT_EXCEEDED,
 * or one of ours' small queries fails), never for slow figures, which depend on the machine.
 *
 *   npx tsx tests/bench/flood.bench.ts      (also run by `npm run bench`)
 *
 * Knobs: FLOOD_SENDERS (4), FLOOD_BYTES (1000000), FLOOD_SECONDS (8), FLOOD_IDLE_SECONDS (5),
 * FLOOD_PROBE_RATE (50 small queries per second), FLOOD_PROBE_TIMEOUT_MS (10000; a small query that times out
 * counts as that latency).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { startPlainSubgraphs } from '../../gateway/src/plugins/testing/plainGraph';
import { type ServiceProcess, startProcess, stopAll } from '../stack/processes';
import { floodDocument, percentile } from './flood/floodDocument';
import { probeLatency } from './flood/probeLatency';
import { processCpuMs, waitUntilIdle } from './gateway/processCpu';
import { waitForReadyLine } from './gateway/readyLine';
import { type StartedGateway, startOurGateway, startStockGateway } from './gateway/startGateways';

const SENDERS = Number(process.env.FLOOD_SENDERS ?? 4);
const FLOOD_BYTES = Number(process.env.FLOOD_BYTES ?? 1_000_000);
const FLOOD_SECONDS = Number(process.env.FLOOD_SECONDS ?? 8);
const IDLE_SECONDS = Number(process.env.FLOOD_IDLE_SECONDS ?? 5);
const PROBE_RATE = Number(process.env.FLOOD_PROBE_RATE ?? 50);
const PROBE_TIMEOUT_MS = Number(process.env.FLOOD_PROBE_TIMEOUT_MS ?? 10_000);
const TARGET_P99_MS = 100;
const SMALL_QUERY = '{ stores(first: 2) { id name city manager { name } } }';

const services: ServiceProcess[] = [];
const log = (message: string) => console.log(`[flood] ${message}`);

interface FloodAnswer {
  answered: number;
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
  bodyBytes: number;
}

interface PhaseFigures {
  p50: number;
  p99: number;
  sent: number;
  failed: number;
}

interface GatewayFigures {
  idle: PhaseFigures;
  flooded: PhaseFigures;
  flood: FloodAnswer;
  cpuMsPerFloodRequest?: number;
  idleRssMiB?: number;
  peakRssMiB?: number;
}

function rssMiB(pid: number | undefined): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) / 1024;
  } catch {
    return undefined;
  }
}

async function probe(url: string, seconds: number): Promise<PhaseFigures> {
  const figures = await probeLatency(url, SMALL_QUERY, {
    ratePerSecond: PROBE_RATE,
    seconds,
    timeoutMs: PROBE_TIMEOUT_MS,
  });
  if (figures.firstFailure) log(`  ${figures.failed} small queries failed, first: ${figures.firstFailure}`);
  // A small query that failed or timed out counts as the timeout, so a stalled gateway cannot look fast.
  const latencies = [...figures.latencies, ...Array<number>(figures.failed).fill(PROBE_TIMEOUT_MS)];
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), sent: figures.sent, failed: figures.failed };
}

async function measure(name: string, gateway: StartedGateway): Promise<GatewayFigures> {
  await probe(gateway.url, 1); // warm-up: plans, connections, JIT
  await waitUntilIdle([gateway.pid]);
  const idleRss = rssMiB(gateway.pid);
  const idle = await probe(gateway.url, IDLE_SECONDS);
  log(`${name} idle: p50 ${idle.p50.toFixed(1)} ms, p99 ${idle.p99.toFixed(1)} ms over ${idle.sent} small queries`);

  const cpuBefore = processCpuMs(gateway.pid);
  const flooder = startProcess(
    'flood',
    ['--import', 'tsx', fileURLToPath(new URL('./flood/floodMain.ts', import.meta.url))],
    {
      URL: gateway.url,
      SENDERS: String(SENDERS),
      SECONDS: String(FLOOD_SECONDS + 2),
      FLOOD_BYTES: String(FLOOD_BYTES),
    },
    3,
  );
  services.push(flooder);
  const floodDone = waitForReadyLine<FloodAnswer>(flooder, (FLOOD_SECONDS + 120) * 1000);
  let peakRss = idleRss ?? 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssMiB(gateway.pid) ?? 0);
  }, 200);
  await sleep(1000); // the flood is under way before the small queries start
  const flooded = await probe(gateway.url, FLOOD_SECONDS);
  const flood = await floodDone;
  clearInterval(sampler);
  await waitUntilIdle([gateway.pid], 60_000);
  const cpuAfter = processCpuMs(gateway.pid);
  await flooder.exited;
  log(
    `${name} flooded: p50 ${flooded.p50.toFixed(1)} ms, p99 ${flooded.p99.toFixed(1)} ms over ${flooded.sent} small queries ` +
      `(${flooded.failed} failed); flood answered ${flood.answered} × ${JSON.stringify(flood.statuses)}`,
  );
  return {
    idle,
    flooded,
    flood,
    cpuMsPerFloodRequest:
      cpuBefore === undefined || cpuAfter === undefined
        ? undefined
        : (cpuAfter - cpuBefore) / Math.max(1, flood.answered + flooded.sent),
    idleRssMiB: idleRss,
    peakRssMiB: peakRss || undefined,
  };
}

function formatTable(rows: [string, GatewayFigures][]): string {
  const header = [
    'gateway',
    'idle p50',
    'idle p99',
    'flood p50',
    'flood p99',
    'failed',
    'flood req/s',
    'CPU ms/req',
    'RSS idle→peak',
  ];
  const n = (value: number | undefined, digits = 1) =>
    value === undefined || Number.isNaN(value) ? '' : value.toFixed(digits);
  const lines = rows.map(([name, f]) => [
    name,
    n(f.idle.p50),
    n(f.idle.p99),
    n(f.flooded.p50),
    n(f.flooded.p99),
    String(f.flooded.failed),
    n(f.flood.answered / (FLOOD_SECONDS + 2), 0),
    n(f.cpuMsPerFloodRequest, 2),
    `${n(f.idleRssMiB, 0)}→${n(f.peakRssMiB, 0)} MiB`,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)),
  );
  const format = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ');
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(format)].join('\n');
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-flood-'));
  const subgraphs = await startPlainSubgraphs();
  try {
    const supergraph = join(dir, 'supergraph.graphql');
    writeFileSync(supergraph, subgraphs.supergraphSdl);
    const [stock, ours] = await Promise.all([
      startStockGateway(services, { SUPERGRAPH: supergraph }),
      // Defaults, but no budgets: every caller here is 127.0.0.1, and the comparison is about parsing, not budgets.
      startOurGateway(services, { SUPERGRAPH: supergraph, LOG_LEVEL: 'warn', BUDGETS_ENABLED: 'false' }),
    ]);
    const body = JSON.stringify({ query: floodDocument(FLOOD_BYTES) });
    for (const [name, gateway] of [
      ['ours', ours],
      ['stock', stock],
    ] as const) {
      const started = performance.now();
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const text = await response.text();
      log(
        `${name} answers one ${(body.length / 1e6).toFixed(2)} MB flood document in ${(performance.now() - started).toFixed(0)} ms: ` +
          `${response.status} ${text.slice(0, 120)}`,
      );
      if (name === 'ours' && !text.includes('TOKEN_LIMIT_EXCEEDED'))
        throw new Error('ours did not refuse the flood document');
    }
    log(
      `${SENDERS} senders × ${(body.length / 1e6).toFixed(2)} MB documents for ${FLOOD_SECONDS + 2} s; ` +
        `small queries at ${PROBE_RATE}/s: ${IDLE_SECONDS} s idle, ${FLOOD_SECONDS} s flooded`,
    );
    const rows: [string, GatewayFigures][] = [];
    rows.push(['ours', await measure('ours', ours)]);
    rows.push(['stock', await measure('stock', stock)]);
    console.log(`\nFlood benchmark — small query: ${SMALL_QUERY}\n\n${formatTable(rows)}\n`);
    const [oursFigures, stockFigures] = [rows[0]?.[1], rows[1]?.[1]];
    if (oursFigures && stockFigures) {
      const ratio = (a: number | undefined, b: number | undefined) =>
        a === undefined || b === undefined ? '?' : `${(a / b).toFixed(3)}×`;
      console.log(
        `ours/stock: flooded p99 ${ratio(oursFigures.flooded.p99, stockFigures.flooded.p99)}, ` +
          `CPU per request ${ratio(oursFigures.cpuMsPerFloodRequest, stockFigures.cpuMsPerFloodRequest)}, ` +
          `flood requests answered ${ratio(oursFigures.flood.answered, stockFigures.flood.answered)}`,
      );
      const met = oursFigures.flooded.p99 < TARGET_P99_MS;
      console.log(
        `ours flooded p99 ${oursFigures.flooded.p99.toFixed(1)} ms: target < ${TARGET_P99_MS} ms ${met ? 'met' : 'MISSED'}\n`,
      );
      if (oursFigures.flooded.failed > 0 || oursFigures.idle.failed > 0) {
        throw new Error('small queries to ours failed (see above)');
      }
    }
  } finally {
    await stopAll(services);
    await Promise.all([subgraphs.catalog.stop(), subgraphs.accounts.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

process.on('exit', () => {
  for (const { child } of services) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
try {
  await main();
} catch (error) {
  console.error(`[flood] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
}
