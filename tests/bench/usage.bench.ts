/**
 * Usage benchmark: registry ingestion rate, report latency on 30 days of synthetic usage (10,000 fields, 50
 * clients), the gateway collector's per-request overhead, and the gateway's throughput with usage reporting on
 * and off (BENCH_SKIP_GATEWAY=1 skips it; BENCH_GATEWAY_SECONDS per run, default 8).
 *
 *   npx tsx tests/bench/usage.bench.ts                 # PostgreSQL at DATABASE_URL (default local), else PGlite
 *   BENCH_DB=pglite npx tsx tests/bench/usage.bench.ts
 *
 * BENCH_DATABASE_URL runs on an existing database and keeps it (with BENCH_SKIP_FILL=1 on a second run, the
 * reports run on the data already there).
 * Knobs: BENCH_FIELDS (10000), BENCH_CLIENTS (50), BENCH_CLIENTS_PER_FIELD (3: how many clients use each field
 * each day), BENCH_DAYS (30), BENCH_REPORTS (200 reports of 100 operations × 5 clients for the ingestion rate).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloServer } from '@apollo/server';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../gateway/src/config';
import type { GatewayContext } from '../../gateway/src/context';
import { createGateway } from '../../gateway/src/server';
import { createOperationAnalyzer } from '../../gateway/src/plugins/usageReporting/analyzeOperation';
import { collectVariableCoordinates } from '../../gateway/src/plugins/usageReporting/collectCoordinates';
import { createUsageReportingPlugin } from '../../gateway/src/plugins/usageReporting/plugin';
import { sendUsageReport } from '../../gateway/src/plugins/usageReporting/sendUsageReport';
import { UsageBuffer } from '../../gateway/src/plugins/usageReporting/usageBuffer';
import { openDatabase, type OpenedDatabase } from '../../registry/src/db/openDatabase';
import { createFreshDatabase, storageBackends } from '../../registry/src/db/testing/testDatabase';
import { ensureVariant } from '../../registry/src/repositories/graphRepository';
import { LATENCY_HISTOGRAM_SIZE, type UsageReport } from '../../registry/src/usage/contract';
import { createUsageIngestHandler } from '../../registry/src/usage/createUsageIngestHandler';
import { ingestUsageReport } from '../../registry/src/usage/ingestUsageReport';
import {
  clientUsage,
  coordinateUsage,
  deprecatedFieldsInUse,
  fieldUsage,
  subgraphVolume,
  unusedFields,
} from '../../registry/src/usage/reports';

// autocannon ships no types; this is the part of its API used here.
interface LoadResult {
  requests: { average: number };
  latency: { p99: number };
  non2xx: number;
  errors: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  duration: number;
}) => Promise<LoadResult>;

const FIELDS = Number(process.env.BENCH_FIELDS ?? 10_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const CLIENTS_PER_FIELD = Number(process.env.BENCH_CLIENTS_PER_FIELD ?? 3);
const DAYS = Number(process.env.BENCH_DAYS ?? 30);
const REPORTS = Number(process.env.BENCH_REPORTS ?? 200);
const TYPES = Math.max(1, Math.ceil(FIELDS / 100));

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const ms = (start: number) => performance.now() - start;
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));

/** 100 types of 100 fields (every 20th deprecated) reachable from `Query.tN`. */
function apiSchemaSdl(): string {
  const types: string[] = [];
  const roots: string[] = [];
  for (let t = 0; t < TYPES; t++) {
    const fields: string[] = [];
    for (let f = 0; f < 100 && t * 100 + f < FIELDS; f++) {
      fields.push(`  f${f}: String${f % 20 === 0 ? ' @deprecated(reason: "Use another.")' : ''}`);
    }
    types.push(`type T${t} {\n${fields.join('\n')}\n}`);
    roots.push(`  t${t}: T${t}`);
  }
  return `type Query {\n${roots.join('\n')}\n}\n${types.join('\n')}`;
}

async function openBenchDatabase(): Promise<{ opened: OpenedDatabase; label: string }> {
  if (process.env.BENCH_DATABASE_URL) {
    return { label: `PostgreSQL (kept: ${process.env.BENCH_DATABASE_URL})`, opened: await openDatabase({ url: process.env.BENCH_DATABASE_URL }) };
  }
  if (process.env.BENCH_DB !== 'pglite') {
    const [, postgres] = await storageBackends({ ...process.env, CI: undefined });
    if (postgres?.url && !postgres.skipReason) {
      const fresh = await createFreshDatabase(postgres.url);
      const opened = await openDatabase({ url: fresh.url });
      return {
        label: 'PostgreSQL',
        opened: { ...opened, close: async () => { await opened.close(); await fresh.drop(); } },
      };
    }
    console.log(`PostgreSQL unreachable (${postgres?.skipReason}); using PGlite.`);
  }
  return { opened: await openDatabase({}), label: 'PGlite (in memory)' };
}

function histogramOf(count: number): number[] {
  const histogram = new Array<number>(LATENCY_HISTOGRAM_SIZE).fill(0);
  histogram[2] = count;
  return histogram;
}

/** Reports of 100 operations × 5 clients, each operation referencing 20 fields. */
function syntheticReports(start: Date): UsageReport[] {
  const reports: UsageReport[] = [];
  for (let r = 0; r < REPORTS; r++) {
    const operations = Array.from({ length: 100 }, (_, o) => {
      const type = (r * 7 + o) % TYPES;
      const document = `query Op${r % 50}_${o}{t${type}{f${o % 80}}}`;
      return {
        signature: sha(document),
        name: `Op${r % 50}_${o}`,
        type: 'query' as const,
        document,
        coordinates: [`Query.t${type}`, ...Array.from({ length: 19 }, (_, f) => `T${type}.f${(o + f) % 100}`)],
        subgraphs: [`sub${type % 10}`],
        clients: Array.from({ length: 5 }, (_, c) => ({ name: `client${(o + c) % CLIENTS}`, version: '1.0.0', count: 10, errors: 0, latencyHistogram: histogramOf(10) })),
      };
    });
    reports.push({
      graph: 'bench',
      variant: 'prod',
      gateway: { id: 'bench', version: '0' },
      window: { start: start.toISOString(), end: new Date(start.getTime() + 10_000).toISOString() },
      operations,
    });
  }
  return reports;
}

async function benchIngestion(opened: OpenedDatabase) {
  const operations = REPORTS * 100;
  const describe = (label: string, seconds: number) =>
    console.log(
      `ingestion ${label}: ${REPORTS} reports (${operations} operations × 5 clients × 20 fields) in ${fmt(seconds)} s → ` +
        `${fmt(REPORTS / seconds)} reports/s, ${fmt(operations / seconds)} operations/s`,
    );
  const direct = syntheticReports(new Date(Date.now() - 3_600_000));
  let started = performance.now();
  for (const report of direct) await ingestUsageReport(opened.db, report);
  describe('(ingestUsageReport)', ms(started) / 1000);

  // The gateway's sender → gzip → HTTP → the registry's handler (gunzip, validation, ingestion).
  const handler = createUsageIngestHandler({
    db: opened.db,
    authenticate: async () => ({ tokenId: 'bench', name: 'bench', scope: 'REPORT', graph: 'bench', subgraphs: [] }),
  });
  const server = createServer((request, response) => void handler(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const registryUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const overHttp = syntheticReports(new Date(Date.now() - 2 * 3_600_000));
  started = performance.now();
  for (const report of overHttp) {
    const outcome = await sendUsageReport({ registryUrl, timeoutMs: 60_000 }, report);
    if (outcome.kind !== 'accepted') throw new Error(`report not accepted: ${JSON.stringify(outcome)}`);
  }
  describe('(gzip POST /v1/usage)', ms(started) / 1000);
  await new Promise((resolve) => server.close(resolve));
}

/** Fills 30 days of usage in SQL: daily rows before the last 48 hours, hourly rows within them. */
async function fillThirtyDays(opened: OpenedDatabase, variantId: string, now: Date) {
  const started = performance.now();
  const { db } = opened;
  const hourlyFrom = new Date(now.getTime() - 48 * 3_600_000);
  hourlyFrom.setUTCMinutes(0, 0, 0);
  // Each field is used every day by CLIENTS_PER_FIELD clients chosen by its index, with counts that slowly fall.
  await db.execute(sql`
    insert into registry.usage_coordinates_daily (variant_id, day, coordinate, client_name, client_version, count)
    select ${variantId}::uuid, d::date, 'T' || (f / 100) || '.f' || (f % 100), 'client' || ((f * 7 + c * 13) % ${CLIENTS}), '1.' || (c % 3),
      greatest(1, 1000 - d_index * 10 + (f % 17))
    from generate_series(0, ${FIELDS - 1}) as f,
      generate_series(0, ${CLIENTS_PER_FIELD - 1}) as c,
      generate_series(2, ${DAYS - 1}) as d_index,
      lateral (select (${now.toISOString()}::timestamptz - make_interval(days => d_index))::date as d) as days
    on conflict do nothing`);
  await db.execute(sql`
    insert into registry.usage_coordinates_hourly (variant_id, hour, coordinate, client_name, client_version, count)
    select ${variantId}::uuid, ${hourlyFrom.toISOString()}::timestamptz + make_interval(hours => h), 'T' || (f / 100) || '.f' || (f % 100),
      'client' || ((f * 7 + c * 13) % ${CLIENTS}), '1.' || (c % 3), 10 + (f % 5)
    from generate_series(0, ${FIELDS - 1}, 4) as f, generate_series(0, ${CLIENTS_PER_FIELD - 1}) as c, generate_series(0, 47, 6) as h
    on conflict do nothing`);
  await db.execute(sql`
    insert into registry.usage_operations (variant_id, signature, name, type, document, coordinates, subgraphs, first_seen, last_seen)
    select ${variantId}::uuid, md5('op' || o) || md5('x' || o), 'Op' || o, 'query', 'query Op' || o || '{...}',
      array(select 'T' || ((o * 3) % ${TYPES}) || '.f' || ((o + k) % 100) from generate_series(0, 19) as k),
      array['sub' || (o % 10)], ${now.toISOString()}::timestamptz - interval '30 days', ${now.toISOString()}::timestamptz
    from generate_series(0, 1999) as o
    on conflict do nothing`);
  await db.execute(sql`
    insert into registry.usage_operations_daily (variant_id, day, signature, client_name, client_version, count, errors, latency_histogram)
    select ${variantId}::uuid, (${now.toISOString()}::timestamptz - make_interval(days => d_index))::date, md5('op' || o) || md5('x' || o),
      'client' || ((o + c) % ${CLIENTS}), '1.0', 100, 1, array[0,0,100,0,0,0,0,0,0,0,0,0]::bigint[]
    from generate_series(0, 1999) as o, generate_series(0, 4) as c, generate_series(2, ${DAYS - 1}) as d_index
    on conflict do nothing`);
  await db.execute(sql`analyze`);
  const counts = await db.execute(sql`
    select (select count(*) from registry.usage_coordinates_daily) as daily,
      (select count(*) from registry.usage_coordinates_hourly) as hourly,
      (select count(*) from registry.usage_operations_daily) as operation_days`);
  const row = (counts as unknown as { rows: Record<string, unknown>[] }).rows[0];
  console.log(`data: ${DAYS} days, ${FIELDS} fields, ${CLIENTS} clients (${CLIENTS_PER_FIELD} per field per day): ` +
    `${row?.daily} daily + ${row?.hourly} hourly coordinate rows, ${row?.operation_days} operation-day rows, filled in ${fmt(ms(started) / 1000)} s`);
}

async function timeIt(name: string, run: () => Promise<unknown>, runs = 5) {
  await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    times.push(ms(started));
  }
  times.sort((a, b) => a - b);
  console.log(`  ${name.padEnd(24)} median ${fmt(times[Math.floor(runs / 2)] ?? 0)} ms (min ${fmt(times[0] ?? 0)}, max ${fmt(times[runs - 1] ?? 0)})`);
}

async function benchReports(opened: OpenedDatabase) {
  const { variantId } = await ensureVariant(opened.db, 'reports', 'prod');
  const now = new Date();
  if (!process.env.BENCH_SKIP_FILL) await fillThirtyDays(opened, variantId, now);
  const sdl = apiSchemaSdl();
  const window = { since: new Date(now.getTime() - DAYS * 86_400_000), until: now };
  const week = { since: new Date(now.getTime() - 7 * 86_400_000), until: now };
  console.log('report latency:');
  await timeIt('fieldUsage (30 days)', () => fieldUsage(opened.db, { variantId, apiSchemaSdl: sdl, window }));
  await timeIt('fieldUsage (7 days)', () => fieldUsage(opened.db, { variantId, apiSchemaSdl: sdl, window: week }));
  await timeIt('unusedFields (30 days)', () => unusedFields(opened.db, { variantId, apiSchemaSdl: sdl, window }));
  await timeIt('deprecatedFieldsInUse', () => deprecatedFieldsInUse(opened.db, { variantId, apiSchemaSdl: sdl, window }));
  await timeIt('clientUsage (30 days)', () => clientUsage(opened.db, { variantId, window }));
  await timeIt('subgraphVolume (30 days)', () => subgraphVolume(opened.db, { variantId, window }));
  const coordinates = Array.from({ length: 100 }, (_, i) => `T${i % TYPES}.f${i}`);
  await timeIt('coordinateUsage (100)', () => coordinateUsage(opened.db, { variantId, coordinates, since: window.since, excludeClients: ['client0'] }));
}

async function benchCollector() {
  const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';
  const composed = composeServices([
    { name: 'a', url: 'http://a.invalid', typeDefs: parse(`${link}\ntype Query { items(first: Int, filter: F): [Item!]! }\ninput F { color: Color }\nenum Color { RED BLUE }\ntype Item @key(fields: "id") { id: ID! name: String! }`) },
    { name: 'b', url: 'http://b.invalid', typeDefs: parse(`${link}\ntype Item @key(fields: "id") { id: ID! price: Int }`) },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  const schema = composed.schema.toAPISchema().toGraphQLJSSchema();
  const supergraph = { id: 'bench', sdl: composed.supergraphSdl };
  const query = 'query Items($f: F) { items(first: 10, filter: $f) { id name price } }';
  const document = parse(query);

  // The hot path in isolation: cached analysis, variable walk, counter increments.
  const analyzer = createOperationAnalyzer(1000);
  const buffer = new UsageBuffer({ maxEntries: 5000, maxBytes: 8 * 1024 * 1024 });
  const iterations = 200_000;
  const variables = { f: { color: 'RED' } };
  let started = performance.now();
  for (let i = 0; i < iterations; i++) {
    const analysis = analyzer.analyze({ supergraph, schema, document, queryHash: 'h', operationName: 'Items' });
    if (!analysis) throw new Error('no analysis');
    const used = collectVariableCoordinates(analysis.variables, variables);
    buffer.record(analysis.meta, `client${i % 50}`, '1.0', 3, false, used);
  }
  const perRequestUs = (ms(started) * 1000) / iterations;
  console.log(`collector hot path: ${fmt(perRequestUs)} µs per request (cached analysis + variable walk + counters, ${iterations} requests)`);

  // Apollo Server over the API schema, with and without the plugin (the gateway does not mount the plugin yet).
  const run = async (withPlugin: boolean) => {
    const plugin = createUsageReportingPlugin({ registryUrl: 'http://127.0.0.1:9', graph: 'g', variant: 'v', getSupergraph: () => supergraph, intervalMs: 3_600_000 });
    const server = new ApolloServer<GatewayContext>({ schema, plugins: withPlugin ? [plugin] : [] });
    await server.start();
    const contextValue: GatewayContext = { requestId: 'r', logger: pino({ level: 'silent' }), identity: null, client: { id: 'c', name: 'web', version: '1' }, headers: {} };
    const count = 10_000;
    for (let i = 0; i < 2000; i++) await server.executeOperation({ query, variables }, { contextValue });
    started = performance.now();
    for (let i = 0; i < count; i++) await server.executeOperation({ query, variables }, { contextValue });
    const rate = count / (ms(started) / 1000);
    await plugin.reporter.flush().catch(() => undefined);
    await server.stop();
    return rate;
  };
  // Alternating rounds, best of three each, so load from elsewhere on the machine hits both sides alike.
  const rates = { off: [] as number[], on: [] as number[] };
  for (let round = 0; round < 3; round++) {
    rates.off.push(await run(false));
    rates.on.push(await run(true));
  }
  const off = Math.max(...rates.off);
  const on = Math.max(...rates.on);
  console.log(
    `Apollo Server executeOperation (best of 3): ${fmt(off)} ops/s without usage reporting, ${fmt(on)} ops/s with it ` +
      `(${fmt(((off - on) / off) * 100)} % slower)`,
  );
}

/** Two subgraphs on local ports and a gateway over them, with usage reporting on or off, under autocannon. */
async function benchGateway() {
  const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';
  const items = Array.from({ length: 10 }, (_, i) => ({ id: String(i), name: `item ${i}` }));
  const subgraphs = [
    {
      name: 'items',
      typeDefs: parse(`${link}\ntype Query { items(first: Int): [Item!]! }\ntype Item @key(fields: "id") { id: ID! name: String! }`),
      resolvers: { Query: { items: () => items } },
    },
    {
      name: 'prices',
      typeDefs: parse(`${link}\ntype Item @key(fields: "id") { id: ID! price: Int }`),
      resolvers: { Item: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, price: Number(ref.id) * 10 }) } },
    },
  ];
  const servers: { url: string; stop: () => Promise<void> }[] = [];
  for (const subgraph of subgraphs) {
    const server = new ApolloServer({
      schema: buildSubgraphSchema({ typeDefs: subgraph.typeDefs, resolvers: subgraph.resolvers as never }),
      plugins: [ApolloServerPluginInlineTraceDisabled()],
    });
    const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
    servers.push({ url, stop: () => server.stop() });
  }
  const composed = composeServices(subgraphs.map((subgraph, i) => ({ name: subgraph.name, typeDefs: subgraph.typeDefs, url: servers[i]?.url ?? '' })));
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  const supergraphPath = join(mkdtempSync(join(tmpdir(), 'usage-bench-')), 'supergraph.graphql');
  writeFileSync(supergraphPath, composed.supergraphSdl);

  let received = 0;
  const registry = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received++;
      response.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":{}}');
    });
  });
  await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
  const registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}`;

  const body = JSON.stringify({ query: 'query Items { items(first: 10) { id name price } }' });
  const run = async (usage: boolean) => {
    const config = loadConfig({
      SUPERGRAPH: supergraphPath,
      GRAPH: 'bench',
      USAGE_REGISTRY_URL: registryUrl,
      USAGE_REPORTING_ENABLED: String(usage),
      USAGE_REPORT_INTERVAL_MS: '1000',
      BUDGETS_ENABLED: 'false',
      LOG_LEVEL: 'silent',
    });
    const gateway = createGateway(config);
    const url = await gateway.listen(0, '127.0.0.1');
    const result = await autocannon({
      url,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollographql-client-name': 'bench', 'apollographql-client-version': '1' },
      body,
      connections: 16,
      duration: Number(process.env.BENCH_GATEWAY_SECONDS ?? 8),
    });
    await gateway.close();
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`gateway answered ${result.non2xx} non-2xx, ${result.errors} errors`);
    return { rps: result.requests.average, p99: result.latency.p99 };
  };
  const rounds = { off: [] as { rps: number; p99: number }[], on: [] as { rps: number; p99: number }[] };
  for (let round = 0; round < 3; round++) {
    rounds.off.push(await run(false));
    rounds.on.push(await run(true));
  }
  const best = (list: { rps: number; p99: number }[]) => list.reduce((a, b) => (b.rps > a.rps ? b : a));
  const off = best(rounds.off);
  const on = best(rounds.on);
  console.log(
    `gateway (createGateway, 2 local subgraphs, 16 connections, best of 3): ${fmt(off.rps)} req/s p99 ${off.p99} ms without ` +
      `usage reporting, ${fmt(on.rps)} req/s p99 ${on.p99} ms with it (${fmt(((off.rps - on.rps) / off.rps) * 100)} % fewer); ` +
      `${received} reports received`,
  );
  await new Promise((resolve) => registry.close(resolve));
  for (const server of servers) await server.stop();
}

async function main() {
  const { opened, label } = await openBenchDatabase();
  console.log(`registry database: ${label}`);
  try {
    await ensureVariant(opened.db, 'bench', 'prod');
    if (!process.env.BENCH_SKIP_FILL) await benchIngestion(opened);
    await benchReports(opened);
  } finally {
    await opened.close();
  }
  if (!process.env.BENCH_SKIP_COLLECTOR) await benchCollector();
  if (!process.env.BENCH_SKIP_GATEWAY) await benchGateway();
}

await main();
