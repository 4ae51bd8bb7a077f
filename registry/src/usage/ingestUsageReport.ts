import { sql } from 'drizzle-orm';
import type { Executor, RegistryDatabase } from '../db/openDatabase';
import { usageCoordinatesHourly, usageOperations, usageOperationsHourly } from '../db/schema/usage';
import { findVariant } from '../repositories/graphRepository';
import { LATENCY_HISTOGRAM_SIZE, type UsageReport } from './contract';
import { addCounts, chunk } from './sqlHelpers';

/** Outcome of ingesting a valid report: the variant did not exist, or how many rows were folded in. */
export type IngestResult =
  | { ok: true; operations: number; coordinateRows: number; operationRows: number }
  | { ok: false; code: 'BAD_USAGE_REPORT'; message: string };

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for the widest table (8 columns). */
const rowsPerInsert = 2000;

/** The UTC hour a report's counts are stored under: the hour its window starts in. */
export function hourOf(iso: string): Date {
  const date = new Date(iso);
  date.setUTCMinutes(0, 0, 0);
  return date;
}

/**
 * Folds a validated usage report into the hourly aggregates of its variant in one transaction: each operation's
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
  const hour = hourOf(report.window.start);
  const firstSeen = new Date(report.window.start);
  const lastSeen = new Date(report.window.end);

  const operationRows: (typeof usageOperationsHourly.$inferInsert)[] = [];
  // The same coordinate appears in many operations of one client: summed here, since one INSERT may not touch a
  // row twice.
  const coordinateCounts = new Map<string, { coordinate: string; clientName: string; clientVersion: string; count: number }>();
  const addCoordinate = (coordinate: string, clientName: string, clientVersion: string, count: number) => {
    if (count === 0) return;
    const key = `${coordinate}\u0000${clientName}\u0000${clientVersion}`;
    const existing = coordinateCounts.get(key);
    if (existing) existing.count += count;
    else coordinateCounts.set(key, { coordinate, clientName, clientVersion, count });
  };

  for (const operation of report.operations) {
    const clients = new Map<string, (typeof usageOperationsHourly.$inferInsert)>();
    for (const client of operation.clients) {
      const key = `${client.name}\u0000${client.version}`;
      const existing = clients.get(key);
      if (existing) {
        existing.count = (existing.count ?? 0) + client.count;
        existing.errors = (existing.errors ?? 0) + client.errors;
        existing.latencyHistogram = (existing.latencyHistogram ?? []).map((n, i) => n + (client.latencyHistogram[i] ?? 0));
      } else {
        clients.set(key, {
          variantId,
          hour,
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

  await db.transaction(async (tx) => {
    for (const rows of chunk(report.operations, rowsPerInsert)) {
      await upsertOperations(
        tx,
        rows.map((operation) => ({
          variantId,
          signature: operation.signature,
          name: operation.name,
          type: operation.type,
          document: operation.document,
          coordinates: operation.coordinates,
          subgraphs: operation.subgraphs,
          firstSeen,
          lastSeen,
        })),
      );
    }
    for (const rows of chunk(operationRows, rowsPerInsert)) {
      await tx
        .insert(usageOperationsHourly)
        .values(rows)
        .onConflictDoUpdate({
          target: [
            usageOperationsHourly.variantId,
            usageOperationsHourly.hour,
            usageOperationsHourly.signature,
            usageOperationsHourly.clientName,
            usageOperationsHourly.clientVersion,
          ],
          set: addCounts('usage_operations_hourly', ['count', 'errors'], 'latency_histogram'),
        });
    }
    const coordinateRows = [...coordinateCounts.values()].map((row) => ({ variantId, hour, ...row }));
    for (const rows of chunk(coordinateRows, rowsPerInsert)) {
      await tx
        .insert(usageCoordinatesHourly)
        .values(rows)
        .onConflictDoUpdate({
          target: [
            usageCoordinatesHourly.variantId,
            usageCoordinatesHourly.hour,
            usageCoordinatesHourly.coordinate,
            usageCoordinatesHourly.clientName,
            usageCoordinatesHourly.clientVersion,
          ],
          set: addCounts('usage_coordinates_hourly', ['count']),
        });
    }
  });
  return {
    ok: true,
    operations: report.operations.length,
    coordinateRows: coordinateCounts.size,
    operationRows: operationRows.length,
  };
}

/** Records operations, keeping the earliest first-seen and latest last-seen, and the latest metadata. */
async function upsertOperations(db: Executor, rows: (typeof usageOperations.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(usageOperations)
    .values(rows)
    .onConflictDoUpdate({
      target: [usageOperations.variantId, usageOperations.signature],
      set: {
        name: sql.raw('excluded.name'),
        type: sql.raw('excluded.type'),
        coordinates: sql.raw('excluded.coordinates'),
        subgraphs: sql.raw('excluded.subgraphs'),
        firstSeen: sql.raw('least(usage_operations.first_seen, excluded.first_seen)'),
        lastSeen: sql.raw('greatest(usage_operations.last_seen, excluded.last_seen)'),
      },
    });
}
