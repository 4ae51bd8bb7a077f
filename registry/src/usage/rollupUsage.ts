import type { RegistryDatabase } from '../db/openDatabase';
import { lockUsageFold } from '../repositories/usageInboxRepository';
import {
  compactFineBuckets,
  deleteExpiredUsage,
  rollUpCoordinateDays,
  rollUpOperationDays,
  tryLockUsageRollup,
} from '../repositories/usageRollupRepository';
import { UsageReportLimits } from './contract';
import { foldUsageInbox } from './foldUsageInbox';

/** Settings of the usage rollup job. */
export interface RollupUsageOptions {
  /** 5-minute rows older than this many hours are merged into whole hours. Default 24. */
  fineRetentionHours?: number;
  /** Hourly rows older than this many hours are rolled up into days. Default 48. */
  hourlyRetentionHours?: number;
  /** Usage older than this many days is deleted. Default 90. */
  retentionDays?: number;
  /**
   * Report ids received longer ago than this (ms) are forgotten (`USAGE_REPORT_ID_RETENTION`). Default
   * `UsageReportLimits.reportIdRetentionMs`, 48 hours.
   */
  reportIdRetentionMs?: number;
}

/** What one rollup run did. */
export interface RollupUsageResult {
  /** True when another registry replica was rolling up at the time: this run did nothing. */
  skipped: boolean;
  /** 5-minute rows merged into hours. */
  compactedRows: number;
  rolledUpCoordinateRows: number;
  rolledUpOperationRows: number;
  deletedRows: number;
}

/**
 * Merges 5-minute usage older than 24 hours into whole hours, rolls hourly usage older than 48 hours into per-day rows (UTC days;
 * coordinates also into per-day totals over clients), then deletes usage past retention (daily
 * rows, operations not seen since, and the ids of reports received more than `reportIdRetentionMs` ago). One transaction, so reports never see an hour counted twice or not at all.
 * Run it every hour or so; running it more often or twice is harmless, and replicas sharing a database take turns: a
 * run that finds another replica's run in progress skips.
 */
export async function rollupUsage(
  db: RegistryDatabase,
  now: Date,
  options: RollupUsageOptions = {},
): Promise<RollupUsageResult> {
  const hourlyCutoff = new Date(now.getTime() - (options.hourlyRetentionHours ?? 48) * 3_600_000);
  hourlyCutoff.setUTCMinutes(0, 0, 0);
  const retentionCutoff = new Date(now.getTime() - (options.retentionDays ?? 90) * 86_400_000);
  const fineCutoff = new Date(now.getTime() - (options.fineRetentionHours ?? 24) * 3_600_000);

  // Accepted reports first, so buckets are rolled up with everything acknowledged in them.
  await foldUsageInbox(db, { acceptedSoFar: true });
  return db.transaction(async (tx) => {
    if (!(await tryLockUsageRollup(tx))) {
      return { skipped: true, compactedRows: 0, rolledUpCoordinateRows: 0, rolledUpOperationRows: 0, deletedRows: 0 };
    }
    // No fold writes buckets while they are merged and moved.
    await lockUsageFold(tx);
    return {
      skipped: false,
      compactedRows: await compactFineBuckets(tx, fineCutoff),
      rolledUpCoordinateRows: await rollUpCoordinateDays(tx, hourlyCutoff),
      rolledUpOperationRows: await rollUpOperationDays(tx, hourlyCutoff),
      deletedRows: await deleteExpiredUsage(tx, {
        reportIdsBefore: new Date(
          now.getTime() - (options.reportIdRetentionMs ?? UsageReportLimits.reportIdRetentionMs),
        ),
        daysBefore: retentionCutoff.toISOString().slice(0, 10),
        operationsLastSeenBefore: retentionCutoff,
      }),
    };
  });
}
