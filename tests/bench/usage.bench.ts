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
 * each day), BENCH_DAYS (30), BENCH_REPORTS (1000 reports of 100 operations × 5 clients for the ingestion rate),
 * BENCH_SKIP_REPORTS=1 measures ingestion alone. BENCH_SENDERS (8 gateways sending at once), BENCH_FOLD_BATCH (USAGE_FOLD_BATCH_REPORTS' default, 2000 reports per fold transaction), BENCH_FOLD_DELAY_MS (USAGE_FOLD_DELAY_MS' default, 2000).
 */
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { type OpenedDatabase, openDatabase } from '../../registry/src/db/openDatabase';
import { createFreshDatabase, storageBackends } from '../../registry/src/db/testing/testDatabase';
import { ensureVariant } from '../../registry/src/repositories/graphRepository';
import { LATENCY_HISTOGRAM_SIZE, type UsageReport, UsageReportLimits } from '../../registry/src/usage/contract';
import { DEFAULT_FOLD_BATCH_REPORTS, foldUsageInbox } from '../../registry/src/usage/foldUsageInbox';
import {
  clientUsage,
  coordinateUsage,
  deprecatedFieldsInUse,
  fieldUsage,
  operationUsage,
  subgraphVolume,
  unusedFields,
} from '../../registry/src/usage/reports';
import { DEFAULT_FOLD_DELAY_MS, scheduleUsageFold } from '../../registry/src/usage/scheduleUsageFold';
import { ingestUsageReport } from '../../registry/src/usage/testing/ingestUsageReport';
import { usageRoute } from '../../registry/src/usage/usageRoute';
import { benchCollector } from './usage/collectorOverhead';
import { fmt, ms } from './usage/format';
import { benchGateway } from './usage/gatewayOverhead';
import { type DatabaseCpu, databaseCpu, databaseCpuBetween } from './usage/postgresCpu';

const FIELDS = Number(process.env.BENCH_FIELDS ?? 10_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const CLIENTS_PER_FIELD = Number(process.env.BENCH_CLIENTS_PER_FIELD ?? 3);
const DAYS = Number(process.env.BENCH_DAYS ?? 30);
const REPORTS = Number(process.env.BENCH_REPORTS ?? 1000);
const SENDERS = Number(process.env.BENCH_SENDERS ?? 8);
const FOLD_BATCH = Number(process.env.BENCH_FOLD_BATCH ?? DEFAULT_FOLD_BATCH_REPORTS);
const FOLD_DELAY = Number(process.env.BENCH_FOLD_DELAY_MS ?? DEFAULT_FOLD_DELAY_MS);
const TYPES = Math.max(1, Math.ceil(FIELDS / 100));

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

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
    return {
      label: `PostgreSQL (kept: ${process.env.BENCH_DATABASE_URL})`,
      opened: await openDatabase({ url: process.env.BENCH_DATABASE_URL }),
    };
  }
  if (process.env.BENCH_DB !== 'pglite') {
    const [, postgres] = await storageBackends({ ...process.env, CI: undefined });
    if (postgres?.url && !postgres.skipReason) {
      const fresh = await createFreshDatabase(postgres.url);
      const opened = await openDatabase({ url: fresh.url });
      return {
        label: 'PostgreSQL',
        opened: {
          ...opened,
          close: async () => {
            await opened.close();
            await fresh.drop();
          },
        },
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
        clients: Array.from({ length: 5 }, (_, c) => ({
          name: `client${(o + c) % CLIENTS}`,
          version: '1.0.0',
          count: 10,
          errors: 0,
          latencyHistogram: histogramOf(10),
        })),
      };
    });
    reports.push({
      id: randomUUID(),
      graph: 'bench',
      variant: 'prod',
      gateway: { id: 'bench', version: '0' },
      window: { start: start.toISOString(), end: new Date(start.getTime() + 10_000).toISOString() },
      operations,
    });
  }
  return reports;
}

/** PostgreSQL CPU per report between two `databaseCpu` readings, when the database is local. */
function postgresMsPerReport(before: DatabaseCpu | undefined, after: DatabaseCpu | undefined): number | undefined {
  const used = databaseCpuBetween(before, after);
  return used === undefined ? undefined : used / REPORTS;
}

const fmtMaybe = (value: number | undefined) => (value === undefined ? 'n/a (not local)' : fmt(value));

/** Posts the gzip bodies of a JSON file of base64 strings to a URL, N at a time; exits 1 on any answer but 202. */
const SENDER = `
  import { readFileSync } from 'node:fs';
  const [url, file, senders] = process.argv.slice(1);
  const bodies = JSON.parse(readFileSync(file, 'utf8')).map((body) => Buffer.from(body, 'base64'));
  let next = 0;
  const sender = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body,
      });
      const text = await response.text();
      if (response.status !== 202) throw new Error('report not accepted: ' + response.status + ' ' + text);
    }
  };
  await Promise.all(Array.from({ length: Number(senders) }, sender));
`;

async function benchIngestion(opened: OpenedDatabase) {
  const operations = REPORTS * 100;
  const shape = `${REPORTS} reports (${operations} operations × 5 clients × 20 fields)`;
  const describe = (label: string, seconds: number) =>
    console.log(
      `ingestion ${label}: ${shape} in ${fmt(seconds)} s → ` +
        `${fmt(REPORTS / seconds)} reports/s, ${fmt(operations / seconds)} operations/s`,
    );
  const pending = async () => {
    const rows = await opened.db.execute(sql`select count(*)::int as n from registry.usage_report_inbox`);
    return Number((rows as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
  };

  // One report at a time, accepted and folded before the next: what ingestion cost per report before the inbox.
  const direct = syntheticReports(new Date(Date.now() - 3_600_000)).slice(0, Math.min(REPORTS, 50));
  let started = performance.now();
  for (const report of direct) await ingestUsageReport(opened.db, report);
  const perReport = ms(started) / direct.length;
  console.log(
    `ingestion (accept + fold, one report at a time): ${direct.length} reports, ${fmt(perReport)} ms each → ${fmt(1000 / perReport)} reports/s`,
  );

  // The registry's handler (gunzip, validation, the inbox) answering BENCH_SENDERS gateways at once, from another
  // process with bodies gzipped beforehand. The fold is not running: this is the accept rate.
  const app = Fastify({ bodyLimit: UsageReportLimits.maxCompressedBytes });
  await app.register(
    usageRoute({
      db: opened.db,
      authenticate: async () => ({ tokenId: 'bench', name: 'bench', scope: 'REPORT', graph: 'bench', subgraphs: [] }),
    }),
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const urlOf = (server: typeof app) => `http://127.0.0.1:${(server.server.address() as AddressInfo).port}/v1/usage`;
  // The senders run in a child process, so the CPU measured here is the registry's alone.
  const send = async (url: string, bodies: Buffer[]) => {
    const file = join(mkdtempSync(join(tmpdir(), 'usage-bench-')), 'bodies.json');
    writeFileSync(file, JSON.stringify(bodies.map((body) => body.toString('base64'))));
    const child = spawn(process.execPath, ['--input-type=module', '-e', SENDER, url, file, String(SENDERS)], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const [code] = (await once(child, 'exit')) as [number | null];
    rmSync(dirname(file), { recursive: true, force: true });
    if (code !== 0) throw new Error(`the sender process exited with ${code}`);
  };
  const gzipped = (reports: UsageReport[]) => reports.map((report) => gzipSync(JSON.stringify(report)));
  const first = gzipped(syntheticReports(new Date(Date.now() - 2 * 3_600_000)));
  console.log(
    `  report size: ${fmt(first.reduce((sum, body) => sum + body.length, 0) / first.length / 1024)} KiB gzipped`,
  );
  const cpu = process.cpuUsage();
  let database = await databaseCpu(opened.db);
  started = performance.now();
  await send(urlOf(app), first);
  const acceptSeconds = ms(started) / 1000;
  const acceptCpu = process.cpuUsage(cpu);
  const acceptDatabaseMs = postgresMsPerReport(database, await databaseCpu(opened.db));
  const acceptMs = (acceptCpu.user + acceptCpu.system) / 1000 / REPORTS;
  describe(`accept (POST /v1/usage, ${SENDERS} senders, inbox only)`, acceptSeconds);
  console.log(`  CPU per accepted report: registry ${fmt(acceptMs)} ms, PostgreSQL ${fmtMaybe(acceptDatabaseMs)} ms`);

  // Folding the backlog: the reports summed in batches and written.
  const foldCpu = process.cpuUsage();
  database = await databaseCpu(opened.db);
  started = performance.now();
  const folded = await foldUsageInbox(opened.db, { batchReports: FOLD_BATCH });
  const foldSeconds = ms(started) / 1000;
  const foldCpuUsed = process.cpuUsage(foldCpu);
  const foldDatabaseMs = postgresMsPerReport(database, await databaseCpu(opened.db));
  const foldMs = (foldCpuUsed.user + foldCpuUsed.system) / 1000 / REPORTS;
  describe(`fold of the backlog (batches of ${FOLD_BATCH})`, foldSeconds);
  console.log(`  CPU per folded report: registry ${fmt(foldMs)} ms, PostgreSQL ${fmtMaybe(foldDatabaseMs)} ms`);
  // What one core of each sustains, accepting and counting: the machine's other work (the senders, the other
  // side) does not enter these, unlike the rates above on a shared host.
  console.log(
    `  per core, accepted and counted: a registry replica ${fmt(1000 / (acceptMs + foldMs))} reports/s` +
      (acceptDatabaseMs !== undefined && foldDatabaseMs !== undefined
        ? `, PostgreSQL ${fmt(1000 / (acceptDatabaseMs + foldDatabaseMs))} reports/s`
        : ''),
  );
  console.log(
    `  rows written: ${folded.coordinateRows} coordinate + ${folded.operationRows} operation rows ` +
      `(${fmt(folded.coordinateRows / REPORTS)} per report, from ~10,000 before summing)`,
  );

  // Both at once, as in production: the schedule folds while the reports arrive; lag is until the last is counted.
  const schedule = scheduleUsageFold({ db: opened.db, batchReports: FOLD_BATCH, delayMs: FOLD_DELAY });
  const concurrentApp = Fastify({ bodyLimit: UsageReportLimits.maxCompressedBytes });
  await app.close();
  await concurrentApp.register(
    usageRoute({
      db: opened.db,
      authenticate: async () => ({ tokenId: 'bench', name: 'bench', scope: 'REPORT', graph: 'bench', subgraphs: [] }),
      onAccepted: schedule.wake,
    }),
  );
  await concurrentApp.listen({ port: 0, host: '127.0.0.1' });
  const second = gzipped(syntheticReports(new Date(Date.now() - 3 * 3_600_000)));
  const bothCpu = process.cpuUsage();
  database = await databaseCpu(opened.db);
  started = performance.now();
  await send(urlOf(concurrentApp), second);
  const accepted = ms(started) / 1000;
  await schedule.stop();
  await foldUsageInbox(opened.db);
  const counted = ms(started) / 1000;
  const bothCpuUsed = process.cpuUsage(bothCpu);
  console.log(
    `ingestion (accept with the fold running): accepted ${REPORTS} reports in ${fmt(accepted)} s → ` +
      `${fmt(REPORTS / accepted)} reports/s; all counted ${fmt(counted)} s after the first → ${fmt(REPORTS / counted)} reports/s (${await pending()} left)`,
  );
  console.log(
    `  CPU per report, accepted and counted: registry ${fmt((bothCpuUsed.user + bothCpuUsed.system) / 1000 / REPORTS)} ms, ` +
      `PostgreSQL ${fmtMaybe(postgresMsPerReport(database, await databaseCpu(opened.db)))} ms`,
  );
  await concurrentApp.close();
}

/** Fills 30 days of usage in SQL: daily rows (with their totals and client spans) before the last 48 hours, hourly rows within them. */
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
  // What the rollup keeps beside the per-client days: totals over clients and each client's span of days.
  await db.execute(sql`
    insert into registry.usage_coordinate_totals_daily (variant_id, day, coordinate, count)
    select variant_id, day, coordinate, sum(count) from registry.usage_coordinates_daily
    where variant_id = ${variantId}::uuid group by 1, 2, 3
    on conflict do nothing`);
  await db.execute(sql`
    insert into registry.usage_coordinate_clients (variant_id, coordinate, client_name, first_day, last_day)
    select variant_id, coordinate, client_name, min(day), max(day) from registry.usage_coordinates_daily
    where variant_id = ${variantId}::uuid and count > 0 group by 1, 2, 3
    on conflict do nothing`);
  await db.execute(sql`
    insert into registry.usage_operation_totals_daily (variant_id, day, signature, count, errors, latency_histogram)
    select variant_id, day, signature, sum(count), sum(errors), array[0,0,sum(count),0,0,0,0,0,0,0,0,0]::bigint[]
    from registry.usage_operations_daily where variant_id = ${variantId}::uuid group by 1, 2, 3
    on conflict do nothing`);
  await db.execute(sql`analyze`);
  const counts = await db.execute(sql`
    select (select count(*) from registry.usage_coordinates_daily) as daily,
      (select count(*) from registry.usage_coordinates_hourly) as hourly,
      (select count(*) from registry.usage_operations_daily) as operation_days`);
  const row = (counts as unknown as { rows: Record<string, unknown>[] }).rows[0];
  console.log(
    `data: ${DAYS} days, ${FIELDS} fields, ${CLIENTS} clients (${CLIENTS_PER_FIELD} per field per day): ` +
      `${row?.daily} daily + ${row?.hourly} hourly coordinate rows, ${row?.operation_days} operation-day rows, filled in ${fmt(ms(started) / 1000)} s`,
  );
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
  console.log(
    `  ${name.padEnd(24)} median ${fmt(times[Math.floor(runs / 2)] ?? 0)} ms (min ${fmt(times[0] ?? 0)}, max ${fmt(times[runs - 1] ?? 0)})`,
  );
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
  await timeIt('deprecatedFieldsInUse', () =>
    deprecatedFieldsInUse(opened.db, { variantId, apiSchemaSdl: sdl, window }),
  );
  await timeIt('clientUsage (30 days)', () => clientUsage(opened.db, { variantId, window }));
  await timeIt('operationUsage (30 days)', () => operationUsage(opened.db, { variantId, window }));
  await timeIt('subgraphVolume (30 days)', () => subgraphVolume(opened.db, { variantId, window }));
  const coordinates = Array.from({ length: 100 }, (_, i) => `T${i % TYPES}.f${i}`);
  await timeIt('coordinateUsage (100)', () =>
    coordinateUsage(opened.db, { variantId, coordinates, since: window.since, excludeClients: ['client0'] }),
  );
}

async function main() {
  const { opened, label } = await openBenchDatabase();
  console.log(`registry database: ${label}`);
  try {
    await ensureVariant(opened.db, 'bench', 'prod');
    if (!process.env.BENCH_SKIP_FILL) await benchIngestion(opened);
    if (!process.env.BENCH_SKIP_REPORTS) await benchReports(opened);
  } finally {
    await opened.close();
  }
  if (!process.env.BENCH_SKIP_COLLECTOR) await benchCollector();
  if (!process.env.BENCH_SKIP_GATEWAY) await benchGateway();
}

await main();
