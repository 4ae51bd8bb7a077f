import { gunzipSync } from 'node:zlib';
import type { RegistryDatabase } from '../db/openDatabase';
import { addOperationErrorCodes, addUnknownDocuments } from '../repositories/usageErrorCodeRepository';
import { databaseNow, lockUsageFold, removeFromInbox, takePendingReports } from '../repositories/usageInboxRepository';
import { addCoordinateCounts, addOperationCounts, upsertUsageOperations } from '../repositories/usageIngestRepository';
import { addSubgraphFetchCounts } from '../repositories/usageSubgraphFetchRepository';
import type { UsageReport } from './contract';
import { mergeUsageReports } from './mergeUsageReports';

/** What folding the inbox did. */
export interface FoldResult {
  /** Reports folded into the aggregates (and removed from the inbox). */
  reports: number;
  /** Rows written: operations' metadata, operation counts and coordinate counts, after summing. */
  operationRows: number;
  coordinateRows: number;
}

/** Options of `foldUsageInbox`. */
export interface FoldOptions {
  /** Reports summed and written per transaction (`USAGE_FOLD_BATCH_REPORTS`). Default 2000. */
  batchReports?: number;
  /**
   * Fold every report accepted before this call (by the database's clock), as a read does: it waits for the folds in
   * progress on every replica (the fold's lock, exclusively), folds what is left, and is not held up by reports
   * arriving meanwhile. Without it (the background fold) the lock is shared: replicas fold at once, each the reports
   * it claimed.
   */
  acceptedSoFar?: boolean;
}

/** Default reports per fold transaction (`USAGE_FOLD_BATCH_REPORTS`). */
export const DEFAULT_FOLD_BATCH_REPORTS = 2000;

/** Rows per INSERT, to bound the size of one statement's JSON parameter. */
const rowsPerInsert = 5000;

/** Rows grouped by their `hour`, in order. */
function byHour<T extends { hour: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.hour);
    if (group) group.push(row);
    else groups.set(row.hour, [row]);
  }
  return groups;
}

function chunk<T>(rows: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < rows.length; start += size) batches.push(rows.slice(start, start + size));
  return batches;
}

/**
 * Folds every report waiting in the inbox into the aggregates, oldest first, `batchReports` at a time: each batch in
 * one transaction that claims its reports (row locks), sums them in memory (many reports of one fleet touch the same
 * rows), upserts the sums in key order and deletes the reports from the inbox, so each is counted exactly once.
 * Background folds of several replicas run at once on different reports (rows written in one order cannot
 * deadlock); a read that calls this with `acceptedSoFar` waits for them and sees every report accepted before it
 * started.
 */
export async function foldUsageInbox(db: RegistryDatabase, options: FoldOptions = {}): Promise<FoldResult> {
  const batchReports = options.batchReports ?? DEFAULT_FOLD_BATCH_REPORTS;
  // Reports accepted after this started are left to the next fold, so a read under steady traffic returns.
  const upTo = options.acceptedSoFar ? await databaseNow(db) : undefined;
  const total: FoldResult = { reports: 0, operationRows: 0, coordinateRows: 0 };
  for (;;) {
    const folded = await db.transaction(async (tx) => {
      await lockUsageFold(tx, options.acceptedSoFar ? 'exclusive' : 'shared');
      const pending = await takePendingReports(tx, batchReports, upTo);
      // Parsed one at a time as the merge asks for them: only the sums and one report are in memory at once.
      const merged = mergeUsageReports(
        (function* () {
          for (const { variantId, report } of pending) {
            yield { variantId, report: JSON.parse(gunzipSync(report).toString('utf8')) as UsageReport };
          }
        })(),
      );
      let operationRows = 0;
      let coordinateRows = 0;
      for (const variant of merged) {
        for (const rows of chunk(variant.operations, rowsPerInsert)) {
          await upsertUsageOperations(tx, variant.variantId, rows);
        }
        for (const rows of chunk(variant.operationCounts, rowsPerInsert)) {
          await addOperationCounts(tx, variant.variantId, rows);
        }
        for (const rows of chunk(variant.coordinateCounts, rowsPerInsert)) {
          await addCoordinateCounts(tx, variant.variantId, rows);
        }
        // Error codes and unknown documents are kept per hour: one insert per hour the batch covers (usually one).
        for (const [hour, hourRows] of byHour(variant.errorCodeCounts)) {
          for (const rows of chunk(hourRows, rowsPerInsert)) {
            await addOperationErrorCodes(tx, variant.variantId, new Date(hour), rows);
          }
        }
        for (const [hour, hourRows] of byHour(variant.unknownDocumentCounts)) {
          for (const rows of chunk(hourRows, rowsPerInsert)) {
            await addUnknownDocuments(tx, variant.variantId, new Date(hour), rows);
          }
        }
        // Subgraph fetches are kept per hour too.
        const fetchesByHour = new Map<string, typeof variant.subgraphFetchCounts>();
        for (const row of variant.subgraphFetchCounts) {
          fetchesByHour.set(row.hour, [...(fetchesByHour.get(row.hour) ?? []), row]);
        }
        for (const [hour, hourRows] of fetchesByHour) {
          for (const rows of chunk(hourRows, rowsPerInsert)) {
            await addSubgraphFetchCounts(tx, variant.variantId, new Date(hour), rows);
          }
        }
        operationRows += variant.operationCounts.length;
        coordinateRows += variant.coordinateCounts.length;
      }
      await removeFromInbox(
        tx,
        pending.map((report) => report.reportId),
      );
      return { reports: pending.length, operationRows, coordinateRows };
    });
    total.reports += folded.reports;
    total.operationRows += folded.operationRows;
    total.coordinateRows += folded.coordinateRows;
    if (folded.reports < batchReports) return total;
  }
}
