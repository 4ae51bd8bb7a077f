import { sql } from 'drizzle-orm';
import type { RegistryDatabase } from '../db/openDatabase';
import { usageReports } from '../db/schema/usage';
import { findVariant } from '../repositories/graphRepository';
import { LATENCY_HISTOGRAM_SIZE, type UsageReport } from './contract';
import { addHistograms, chunk, saturatingAdd } from './sqlHelpers';

/** Outcome of ingesting a valid report: the variant did not exist, or how many rows were folded in. */
export type IngestResult =
  | { ok: true; duplicate: false; operations: number; coordinateRows: number; operationRows: number }
  /** The report's id was counted before: nothing was added. */
  | { ok: true; duplicate: true; operations: number }
  | { ok: false; code: 'BAD_USAGE_REPORT'; message: string };

/** Rows per INSERT, to bound the size of one statement's JSON parameter. */
const rowsPerInsert = 5000;

interface HourlyOperationRow {
  signature: string;
  client_name: string;
  client_version: string;
  count: number;
  errors: number;
  latency: number[];
}

interface HourlyCoordinateRow {
  coordinate: string;
  client_name: string;
  client_version: string;
  count: number;
}

/** Orders rows by a key of strings, compared by code point like PostgreSQL's C collation would (stable across runs). */
function compareKeys<T>(key: (row: T) => string[]): (a: T, b: T) => number {
  return (a, b) => {
    const left = key(a);
    const right = key(b);
    for (let i = 0; i < left.length; i++) {
      const l = left[i] ?? '';
      const r = right[i] ?? '';
      if (l !== r) return l < r ? -1 : 1;
    }
    return 0;
  };
}

/**
 * Length of the time buckets recent usage is stored in, in ms: 5 minutes, so a report over the last hour covers the
 * last 60 minutes to within 5. The rollup merges them into whole hours once older than a day.
 */
export const USAGE_BUCKET_MS = 5 * 60_000;

/** The UTC 5-minute bucket a report's counts are stored under: the one its window starts in. */
export function bucketOf(iso: string): Date {
  const time = Date.parse(iso);
  return new Date(time - (((time % USAGE_BUCKET_MS) + USAGE_BUCKET_MS) % USAGE_BUCKET_MS));
}

/**
 * Folds a validated usage report into the aggregates of its variant (the 5-minute bucket its window starts in) in one
 * transaction: each operation's
 * metadata (first/last seen), its requests, errors and latency per client version, and the requests per coordinate
 * per client version (the operation's coordinates for every request, plus coordinates reached through variables).
 * Every write is a multi-row `INSERT … ON CONFLICT DO UPDATE` adding to the existing counts.
 */
export async function ingestUsageReport(db: RegistryDatabase, report: UsageReport): Promise<IngestResult> {
  const variant = await findVariant(db, report.graph, report.variant);
  if (!variant) {
    return {
      ok: false,
      code: 'BAD_USAGE_REPORT',
      message: `Graph "${report.graph}" has no variant "${report.variant}" in the registry; publish a subgraph to it before reporting usage.`,
    };
  }
  const variantId = variant.variantId;
  const hour = bucketOf(report.window.start);
  const firstSeen = new Date(report.window.start);
  const lastSeen = new Date(report.window.end);

  const operationRows: HourlyOperationRow[] = [];
  // The same coordinate appears in many operations of one client: summed here, since one INSERT may not touch a
  // row twice.
  const coordinateCounts = new Map<string, HourlyCoordinateRow>();
  const addCoordinate = (coordinate: string, clientName: string, clientVersion: string, count: number) => {
    if (count === 0) return;
    const key = `${coordinate}\u0000${clientName}\u0000${clientVersion}`;
    const existing = coordinateCounts.get(key);
    if (existing) existing.count += count;
    else coordinateCounts.set(key, { coordinate, client_name: clientName, client_version: clientVersion, count });
  };

  for (const operation of report.operations) {
    const clients = new Map<string, HourlyOperationRow>();
    for (const client of operation.clients) {
      const key = `${client.name}\u0000${client.version}`;
      const existing = clients.get(key);
      if (existing) {
        existing.count += client.count;
        existing.errors += client.errors;
        existing.latency = existing.latency.map((n, i) => n + (client.latencyHistogram[i] ?? 0));
      } else {
        clients.set(key, {
          signature: operation.signature,
          client_name: client.name,
          client_version: client.version,
          count: client.count,
          errors: client.errors,
          latency: client.latencyHistogram.slice(0, LATENCY_HISTOGRAM_SIZE),
        });
      }
      const unique = new Set(operation.coordinates);
      for (const coordinate of unique) addCoordinate(coordinate, client.name, client.version, client.count);
      for (const [coordinate, count] of Object.entries(client.variableCoordinates ?? {})) {
        // A coordinate both in the document and in variables was already counted for every request.
        if (!unique.has(coordinate)) addCoordinate(coordinate, client.name, client.version, count);
      }
    }
    operationRows.push(...clients.values());
  }

  const coordinateRows = [...coordinateCounts.values()].sort(
    compareKeys((row) => [row.coordinate, row.client_name, row.client_version]),
  );
  operationRows.sort(compareKeys((row) => [row.signature, row.client_name, row.client_version]));
  const operations = [...report.operations].sort(compareKeys((operation) => [operation.signature]));

  // Rows travel as one JSON parameter each batch (`jsonb_to_recordset`): one bind parameter instead of thousands
  // keeps parsing and planning cheap, the same on PostgreSQL and PGlite. Rows are sorted by key so concurrent
  // reports of the same hour lock rows in the same order and cannot deadlock.
  const counted = await db.transaction(async (tx) => {
    // The id first: a resent report stops here. A concurrent copy of the same report waits on this row's lock until
    // the first commits, then finds it and adds nothing.
    const claimed = await tx
      .insert(usageReports)
      .values({ id: report.id, variantId, receivedAt: new Date() })
      .onConflictDoNothing({ target: usageReports.id })
      .returning({ id: usageReports.id });
    if (claimed.length === 0) return false;
    for (const rows of chunk(operations, rowsPerInsert)) {
      const json = JSON.stringify(
        rows.map((o) => ({
          signature: o.signature,
          name: o.name,
          type: o.type,
          document: o.document,
          coordinates: o.coordinates,
          subgraphs: o.subgraphs,
        })),
      );
      await tx.execute(sql`
        insert into registry.usage_operations as t
          (variant_id, signature, name, type, document, coordinates, subgraphs, first_seen, last_seen)
        select ${variantId}::uuid, r.signature, r.name, r.type, r.document,
          array(select jsonb_array_elements_text(r.coordinates)), array(select jsonb_array_elements_text(r.subgraphs)),
          ${firstSeen.toISOString()}::timestamptz, ${lastSeen.toISOString()}::timestamptz
        from jsonb_to_recordset(${json}::jsonb) as r(signature text, name text, type text, document text, coordinates jsonb, subgraphs jsonb)
        on conflict (variant_id, signature) do update set
          name = excluded.name, type = excluded.type, coordinates = excluded.coordinates, subgraphs = excluded.subgraphs,
          first_seen = least(t.first_seen, excluded.first_seen), last_seen = greatest(t.last_seen, excluded.last_seen)`);
    }
    for (const rows of chunk(operationRows, rowsPerInsert)) {
      await tx.execute(sql`
        insert into registry.usage_operations_hourly as t
          (variant_id, hour, signature, client_name, client_version, count, errors, latency_histogram)
        select ${variantId}::uuid, ${hour.toISOString()}::timestamptz, r.signature, r.client_name, r.client_version, r.count, r.errors,
          array(select jsonb_array_elements_text(r.latency)::bigint)
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          as r(signature text, client_name text, client_version text, count bigint, errors bigint, latency jsonb)
        on conflict (variant_id, hour, signature, client_name, client_version) do update set
          count = ${sql.raw(saturatingAdd('t.count', 'excluded.count'))},
          errors = ${sql.raw(saturatingAdd('t.errors', 'excluded.errors'))},
          latency_histogram = ${sql.raw(addHistograms('t.latency_histogram', 'excluded.latency_histogram'))}`);
    }
    for (const rows of chunk(coordinateRows, rowsPerInsert)) {
      await tx.execute(sql`
        insert into registry.usage_coordinates_hourly as t (variant_id, hour, coordinate, client_name, client_version, count)
        select ${variantId}::uuid, ${hour.toISOString()}::timestamptz, r.coordinate, r.client_name, r.client_version, r.count
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(coordinate text, client_name text, client_version text, count bigint)
        on conflict (variant_id, hour, coordinate, client_name, client_version) do update set count = ${sql.raw(saturatingAdd('t.count', 'excluded.count'))}`);
    }
    return true;
  });
  if (!counted) return { ok: true, duplicate: true, operations: report.operations.length };
  return {
    ok: true,
    duplicate: false,
    operations: report.operations.length,
    coordinateRows: coordinateRows.length,
    operationRows: operationRows.length,
  };
}
