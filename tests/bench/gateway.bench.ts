/**
 * Gateway benchmark: the same four subgraphs and the same queries against stock `@apollo/gateway` (Apollo Server's
 * standalone server) and against `switchyard-gateway` with every feature on, interleaved in one run. Prints
 * requests per second, p50/p99 latency (medians over the rounds) and the ratios ours/stock.
 *
 *   cd tests && npx tsx bench/gateway.bench.ts
 *
 * Each side runs in its own child process, and so do the subgraphs (seeded at SEED_SCALE, PGlite in a temp dir;
 * BENCH_DATABASE_URL puts them on a fresh PostgreSQL database instead). Ours has cost limits, budgets (memory, or
 * Redis when REDIS_URL is set), API-key authentication with anonymous callers refused, authorization
 * (`@requiresScopes` fields in the large query), an identity token signed per subgraph fetch, in-flight
 * deduplication, metrics and usage reporting to an in-process `@switchyard/registry`. Stock sends no identity (it
 * cannot sign one), so the subgraphs serve it as an anonymous caller.
 *
 * Knobs: SEED_SCALE (0.2), BENCH_CONNECTIONS (24), BENCH_SECONDS (5 per round), BENCH_ROUNDS (3),
 * BENCH_WARMUP_SECONDS (2), BENCH_SCENARIOS (comma list: large,small,identical burst,precomputed large,precomputed
 * small), BENCH_CPU_PROF (a directory: every gateway writes a CPU profile there when it stops), BENCH_GATEWAY_EXECUTOR
 * (ours' GATEWAY_EXECUTOR: switchyard, or apollo for @apollo/gateway's executor under our pipeline).
 *
 * The precomputed scenarios run on a second pair of gateways whose supergraph points at a stand-in for the four
 * subgraphs (`gateway/precomputedSubgraphsMain.ts`): it forwards and records while each scenario's requests go once
 * through both gateways, then answers every fetch from the recorded bytes by a map lookup on its body, so the
 * gateways' own cost dominates. Ours runs there with SUBGRAPH_DEDUPLICATION=false: stock shares no fetch either. Exits non-zero only when something broke, never for
 * slow figures.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { composeOurSupergraph } from '@switchyard/schemas';
import { type ServiceProcess, stopAll } from '../stack/processes';
import { generateStackIdentity } from '../stack/stackIdentity';
import { checkFeaturesOn } from './gateway/checkFeaturesOn';
import { fetchEach, type LoadFigures, type LoadTarget, runLoad } from './gateway/runLoad';
import { createScenarios, type Scenario, SubgraphKind } from './gateway/scenarios';
import {
  type PrecomputedSubgraphs,
  startOurGateway,
  startPrecomputedSubgraphs,
  startStockGateway,
  startSubgraphsProcess,
} from './gateway/startGateways';
import { startUsageRegistry, type UsageRegistry } from './gateway/startUsageRegistry';
import { formatTable, type GatewayKind, type SummaryRow, summarizeRounds } from './gateway/summarizeRounds';

const SEED_SCALE = Number(process.env.SEED_SCALE ?? 0.2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 24);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const SCENARIOS = process.env.BENCH_SCENARIOS?.split(',').map((s) => s.trim());
const PROFILE_DIR = process.env.BENCH_CPU_PROF || undefined;
const EXECUTOR = process.env.BENCH_GATEWAY_EXECUTOR || 'switchyard';

const API_KEY = 'bench-api-key-0123456789abcdef';
/** A key without scopes, used once to show that authorization is on. */
const UNSCOPED_API_KEY = 'bench-unscoped-key-0123456789ab';
const IDENTITY = generateStackIdentity();
const GRAPH = 'bench';
/** Sent to both gateways; stock ignores them. */
const HEADERS = { 'x-api-key': API_KEY, 'apollographql-client-name': 'bench', 'apollographql-client-version': '1.0.0' };

const services: ServiceProcess[] = [];
let tempDir: string | undefined;
let registry: UsageRegistry | undefined;

const log = (message: string) => console.log(`[bench] ${message}`);
const loadAverage = () =>
  loadavg()
    .map((load) => load.toFixed(2))
    .join(', ');
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Ours with every feature on; limits high enough that they check every request without refusing any. */
function ourGatewayEnv(supergraphPath: string, usage: UsageRegistry): Record<string, string> {
  return {
    SUPERGRAPH: supergraphPath,
    LOG_LEVEL: 'info',
    MAX_QUERY_COST: '100000',
    BUDGETS_ENABLED: 'true',
    BUDGET_CAPACITY: '1000000000',
    BUDGET_REFILL_PER_SECOND: '1000000000',
    API_KEYS: JSON.stringify([
      {
        key: API_KEY,
        client: 'bench',
        subject: 'user_0001',
        scopes: ['orders:read'],
        claims: { clinic_id: 'clinic_0001', role: 'BUYER' },
      },
      { key: UNSCOPED_API_KEY, client: 'bench-unscoped', scopes: [] },
    ]),
    ALLOW_ANONYMOUS: 'false',
    AUTHORIZATION_MODE: 'filter',
    ...IDENTITY.gatewayEnv,
    GRAPH,
    USAGE_REPORTING_ENABLED: 'true',
    USAGE_REGISTRY_URL: usage.url,
    USAGE_TOKEN: usage.reportToken,
    GATEWAY_EXECUTOR: EXECUTOR,
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  log(
    `subgraphs at SEED_SCALE ${SEED_SCALE}; ${CONNECTIONS} connections, ${ROUNDS} rounds × ${SECONDS} s per gateway and scenario`,
  );
  const { urls, service: subgraphsService } = await startSubgraphsProcess(services, {
    SEED_SCALE: String(SEED_SCALE),
    ...IDENTITY.subgraphEnv,
    ...IDENTITY.ordersEnv,
    BENCH_DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '',
  });
  log(`subgraphs seeded and up in ${seconds(started)}`);

  const scenarios = createScenarios(SEED_SCALE).filter((s) => !SCENARIOS || SCENARIOS.includes(s.name));
  if (scenarios.length === 0) throw new Error(`BENCH_SCENARIOS matches no scenario: ${SCENARIOS?.join(', ')}`);
  const composed = composeOurSupergraph(urls);
  tempDir = mkdtempSync(join(tmpdir(), 'switchyard-gateway-bench-'));
  const supergraphPath = join(tempDir, 'supergraph.graphql');
  writeFileSync(supergraphPath, composed.supergraphSdl);
  registry = await startUsageRegistry(GRAPH, composed.subgraphs);
  log(`registry for usage reports at ${registry.url} (in this process, PGlite in memory)`);

  // One pair of gateways per kind of subgraphs the chosen scenarios need, each pair over its own supergraph.
  const kinds = [...new Set(scenarios.map((scenario) => scenario.subgraphs))];
  const subgraphsPid = subgraphsService.child.pid;
  const pairs = new Map<SubgraphKind, Record<GatewayKind, LoadTarget>>();
  let replayer: PrecomputedSubgraphs | undefined;
  for (const kind of kinds) {
    let path = supergraphPath;
    let settlePid = subgraphsPid;
    if (kind === SubgraphKind.PRECOMPUTED) {
      replayer = await startPrecomputedSubgraphs(services, urls);
      path = join(tempDir, 'supergraph-precomputed.graphql');
      writeFileSync(path, composeOurSupergraph(replayer.urls).supergraphSdl);
      settlePid = replayer.service.child.pid;
    }
    const suffix = kind === SubgraphKind.LIVE ? '' : '-pre';
    const [stock, ours] = await Promise.all([
      startStockGateway(services, { SUPERGRAPH: path }, PROFILE_DIR, `stock${suffix}`),
      startOurGateway(
        services,
        // Over precomputed subgraphs every fetch is sent, so the figure is the gateway's own work (stock shares none).
        {
          ...ourGatewayEnv(path, registry),
          ...(kind === SubgraphKind.PRECOMPUTED ? { SUBGRAPH_DEDUPLICATION: 'false' } : {}),
        },
        PROFILE_DIR,
        `ours${suffix}`,
      ),
    ]);
    log(
      `${kind}: stock at ${stock.url}, ours at ${ours.url} (budgets in ${process.env.REDIS_URL ? 'Redis' : 'memory'})`,
    );
    pairs.set(kind, {
      stock: { url: stock.url, headers: HEADERS, bodies: [], pid: stock.pid, settlePids: [stock.pid, settlePid] },
      ours: { url: ours.url, headers: HEADERS, bodies: [], pid: ours.pid, settlePids: [ours.pid, settlePid] },
    });
  }
  const targets = (scenario: Scenario): Record<GatewayKind, LoadTarget> => {
    const pair = pairs.get(scenario.subgraphs);
    if (!pair) throw new Error(`no gateways over ${scenario.subgraphs} subgraphs`);
    return {
      stock: { ...pair.stock, bodies: scenario.bodies },
      ours: { ...pair.ours, bodies: scenario.bodies },
    };
  };

  // The large query touches `@requiresScopes` fields, so it shows authorization too.
  const largeBody = createScenarios(SEED_SCALE).find((s) => s.name === 'large')?.bodies[0];
  for (const pair of pairs.values()) {
    if (!largeBody) break;
    const features = await checkFeaturesOn({
      url: pair.ours.url,
      body: largeBody,
      headers: HEADERS,
      unscopedHeaders: { ...HEADERS, 'x-api-key': UNSCOPED_API_KEY },
    });
    log(`ours has its features on: ${features}`);
  }

  // Every request of the precomputed scenarios goes once through each gateway while the stand-in records the
  // subgraphs' answers; from then on it only replays them.
  if (replayer) {
    for (const scenario of scenarios.filter((s) => s.subgraphs === SubgraphKind.PRECOMPUTED)) {
      const byKind = targets(scenario);
      await fetchEach(byKind.stock);
      await fetchEach(byKind.ours);
    }
    log(`precomputed subgraphs: ${await replayer.replay()} responses recorded, replaying from now on`);
  }

  // Both gateways must answer every checked request with the same data, or the comparison is meaningless.
  for (const scenario of scenarios) {
    const byKind = targets(scenario);
    const [stockData, ourData] = await Promise.all([fetchEach(byKind.stock, 12), fetchEach(byKind.ours, 12)]);
    for (const [index, data] of ourData.entries()) {
      scenario.checkData(data);
      if (!isDeepStrictEqual(data, stockData[index])) {
        throw new Error(`${scenario.name}: ours and stock answer request ${index} differently`);
      }
    }
    log(`pre-check ${scenario.name}: ${ourData.length} requests, 200 without errors and identical on both`);
  }

  for (const scenario of scenarios) {
    for (const [kind, target] of Object.entries(targets(scenario))) {
      await runLoad(target, CONNECTIONS, WARMUP_SECONDS);
      log(`warmed up ${kind} on ${scenario.name}`);
    }
  }

  const loadAtStart = loadAverage();
  const rows: SummaryRow[] = [];
  for (const scenario of scenarios) {
    const rounds: Record<GatewayKind, LoadFigures[]> = { stock: [], ours: [] };
    const byKind = targets(scenario);
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which side goes first, so drift in the machine's load does not always favour the same one.
      const order: GatewayKind[] = round % 2 === 0 ? ['stock', 'ours'] : ['ours', 'stock'];
      for (const kind of order) {
        const figures = await runLoad(byKind[kind], CONNECTIONS, SECONDS);
        rounds[kind].push(figures);
        log(
          `${scenario.name} round ${round + 1} ${kind}: ${figures.requestsPerSecond.toFixed(0)} req/s, ` +
            `p50 ${figures.p50} ms, p99 ${figures.p99} ms, CPU ${figures.cpuMsPerRequest?.toFixed(2) ?? '?'} ms/req, ` +
            `RSS ${figures.rssMiB?.toFixed(0) ?? '?'} MiB, load ${loadAverage()}`,
        );
      }
    }
    rows.push(...summarizeRounds(scenario.name, rounds));
  }

  console.log(
    `\nGateway benchmark — ${CONNECTIONS} connections, median of ${ROUNDS} rounds × ${SECONDS} s, SEED_SCALE ${SEED_SCALE}`,
  );
  for (const scenario of scenarios) console.log(`  ${scenario.name}: ${scenario.description}`);
  console.log(`\n${formatTable(rows)}\n`);
  console.log(
    `Load average (1, 5, 15 min) when the measured rounds began: ${loadAtStart}; when they ended: ${loadAverage()}.`,
  );
  console.log(
    "× = ours/stock: above 1 is better for req/s, below 1 for latency and for the gateway process's CPU per request.\n",
  );
  // Stopping flushes the last usage report, so the registry's count is complete afterwards.
  await stopAll(services.filter((service) => service.name !== 'subgraphs'));
  const ingested = await registry.ingested();
  if (ingested.requests === 0) throw new Error('usage reporting is off: the registry received no usage');
  log(`usage reported to the registry: ${ingested.requests} requests in ${ingested.operations} operations`);
  log(`done in ${seconds(started)}`);
}

async function cleanUp(): Promise<void> {
  await stopAll(services);
  await registry?.close().catch((error: unknown) => console.error('closing the registry failed:', error));
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
}

// Whatever happens, no child outlives the benchmark.
process.on('exit', () => {
  for (const { child } of services) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping the children`);
    void cleanUp().finally(() => process.exit(130));
  });
}

try {
  await main();
  await cleanUp();
} catch (error) {
  console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  await cleanUp();
  process.exit(1);
}
