import type { RegistryDatabase } from '../db/openDatabase';
import { findVariant } from '../repositories/graphRepository';
import { addOperationErrorCodes } from '../repositories/usageErrorCodeRepository';
import {
  addCoordinateCounts,
  addOperationCounts,
  type CoordinateCountRow,
  claimUsageReport,
  type OperationCountRow,
  type ReportedOperation,
  upsertUsageOperations,
} from '../repositories/usageIngestRepository';
import { LATENCY_HISTOGRAM_SIZE, type UsageReport } from './contract';
import { errorCodeHourOf, errorCodeRows } from './errorCodeRows';

/** Outcome of ingesting a valid report: the variant did not exist, or how many rows were folded in. */
export type IngestResult =
  | { ok: true; duplicate: false; operations: number; coordinateRows: number; operationRows: number }
  /** The report's id was counted before: nothing was added. */
  | { ok: true; duplicate: true; operations: number }
  | { ok: false; code: 'BAD_USAGE_REPORT'; message: string };

/** Rows per INSERT, to bound the size of one statement's JSON parameter. */
const rowsPerInsert = 5000;

/** Splits rows into batches of at most `size`, to bound the size of one statement's JSON parameter. */
function chunk<T>(rows: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < rows.length; start += size) batches.push(rows.slice(start, start + size));
  return batches;
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
  const bucket = bucketOf(report.window.start);
  const firstSeen = new Date(report.window.start);
  const lastSeen = new Date(report.window.end);

  const operationRows: OperationCountRow[] = [];
  // The same coordinate appears in many operations of one client: summed here, since one INSERT may not touch a
  // row twice.
  const coordinateCounts = new Map<string, CoordinateCountRow>();
  const addCoordinate = (coordinate: string, clientName: string, clientVersion: string, count: number) => {
    if (count === 0) return;
    const key = `${coordinate}\u0000${clientName}\u0000${clientVersion}`;
    const existing = coordinateCounts.get(key);
    if (existing) existing.count += count;
    else coordinateCounts.set(key, { coordinate, clientName, clientVersion, count });
  };

  for (const operation of report.operations) {
    const clients = new Map<string, OperationCountRow>();
    for (const client of operation.clients) {
      const key = `${client.name}\u0000${client.version}`;
      const existing = clients.get(key);
      if (existing) {
        existing.count += client.count;
        existing.errors += client.errors;
        existing.latencyHistogram = existing.latencyHistogram.map((n, i) => n + (client.latencyHistogram[i] ?? 0));
      } else {
        clients.set(key, {
          signature: operation.signature,
          clientName: client.name,
          clientVersion: client.version,
          count: client.count,
          errors: client.errors,
          latencyHistogram: client.latencyHistogram.slice(0, LATENCY_HISTOGRAM_SIZE),
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
    compareKeys((row) => [row.coordinate, row.clientName, row.clientVersion]),
  );
  operationRows.sort(compareKeys((row) => [row.signature, row.clientName, row.clientVersion]));
  const operations: ReportedOperation[] = report.operations
    .map(({ signature, name, type, document, coordinates, subgraphs }) => ({
      signature,
      name,
      type,
      document,
      coordinates,
      subgraphs,
    }))
    .sort(compareKeys((operation) => [operation.signature]));

  const counted = await db.transaction(async (tx) => {
    // The id first: a resent report stops here, before anything is counted.
    if (!(await claimUsageReport(tx, { id: report.id, variantId, receivedAt: new Date() }))) return false;
    for (const rows of chunk(operations, rowsPerInsert)) {
      await upsertUsageOperations(tx, variantId, rows, { firstSeen, lastSeen });
    }
    for (const rows of chunk(operationRows, rowsPerInsert)) await addOperationCounts(tx, variantId, bucket, rows);
    for (const rows of chunk(coordinateRows, rowsPerInsert)) await addCoordinateCounts(tx, variantId, bucket, rows);
    const errorHour = errorCodeHourOf(report.window.start);
    for (const rows of chunk(errorCodeRows(report), rowsPerInsert)) {
      await addOperationErrorCodes(tx, variantId, errorHour, rows);
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
