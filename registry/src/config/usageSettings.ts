import { z } from 'zod';
import { ConfigError } from '../errors';
import { DEFAULT_INBOX_MAX_REPORTS } from '../usage/acceptUsageReport';
import { UsageReportLimits } from '../usage/contract';
import { DEFAULT_FOLD_BATCH_REPORTS } from '../usage/foldUsageInbox';
import { parseDuration } from '../usage/reports/parseUsageWindow';
import { DEFAULT_FOLD_DELAY_MS } from '../usage/scheduleUsageFold';
import { duration } from './settingTypes';

/** What usage reports the registry accepts, how it folds them and how long it keeps them (`USAGE_*`). */
export const usageEnv = z.object({
  /** Days usage is kept before the hourly rollup job deletes it. Default 90. */
  USAGE_RETENTION_DAYS: z.coerce.number().int().positive().max(3650).default(90),
  /** How far a usage report's window may end after the registry's clock (`5m`). Later ones: USAGE_WINDOW_IN_FUTURE. */
  USAGE_MAX_CLOCK_SKEW: duration().default('5m'),
  /**
   * How long ago a usage report's window may start (`48h`); older ones are refused with USAGE_WINDOW_TOO_OLD. At most
   * USAGE_REPORT_ID_RETENTION, or a resent report could be counted twice.
   */
  USAGE_MAX_REPORT_AGE: duration().default('48h'),
  /**
   * How long the id of a counted usage report is remembered, so a resent one is not counted again (`48h`). At least
   * the gateways' USAGE_RETRY_HORIZON_MS.
   */
  USAGE_REPORT_ID_RETENTION: duration().default('48h'),
  /** Largest count in one usage report entry; a larger one is refused with COUNT_TOO_LARGE. Default 10 billion. */
  USAGE_MAX_COUNT_PER_ENTRY: z.coerce
    .number()
    .int()
    .positive()
    .max(Number.MAX_SAFE_INTEGER)
    .default(UsageReportLimits.maxCountPerEntry),
  /**
   * How often each replica folds the usage inbox when it accepted nothing itself, in ms (10 000); accepting a report
   * wakes the fold (after USAGE_FOLD_DELAY_MS). Picks up reports a stopped replica accepted and did not fold.
   */
  USAGE_FOLD_INTERVAL_MS: z.coerce.number().int().positive().max(3_600_000).default(10_000),
  /**
   * How long after accepting a report a replica folds the inbox, in ms (2000; 0 folds at once), so each fold sums
   * what arrived meanwhile. At most 60 s: reads fold what is pending first and would wait for that much.
   */
  USAGE_FOLD_DELAY_MS: z.coerce.number().int().nonnegative().max(60_000).default(DEFAULT_FOLD_DELAY_MS),
  /** Usage reports summed and written per fold transaction, at most. Default 2000. */
  USAGE_FOLD_BATCH_REPORTS: z.coerce.number().int().positive().max(100_000).default(DEFAULT_FOLD_BATCH_REPORTS),
  /** Usage reports that may wait to be folded before new ones are refused with 503 USAGE_INBOX_FULL. Default 20,000. */
  USAGE_INBOX_MAX_REPORTS: z.coerce.number().int().positive().default(DEFAULT_INBOX_MAX_REPORTS),
});

/** Usage storage settings. */
export interface UsageSettings {
  /** Days usage is kept. */
  retentionDays: number;
  /** How far a report's window may end after the registry's clock, in ms (`USAGE_MAX_CLOCK_SKEW`). */
  maxClockSkewMs: number;
  /** How long ago a report's window may start, in ms (`USAGE_MAX_REPORT_AGE`); at most `reportIdRetentionMs`. */
  maxReportAgeMs: number;
  /** How long report ids are remembered, in ms (`USAGE_REPORT_ID_RETENTION`). */
  reportIdRetentionMs: number;
  /** Largest count in one report entry (`USAGE_MAX_COUNT_PER_ENTRY`). */
  maxCountPerEntry: number;
  /** How often the inbox is folded without a wake, in ms (`USAGE_FOLD_INTERVAL_MS`). Default 10 s. */
  foldIntervalMs?: number;
  /** How long after a wake the fold starts, in ms (`USAGE_FOLD_DELAY_MS`). Default 2 s. */
  foldDelayMs?: number;
  /** Reports per fold transaction (`USAGE_FOLD_BATCH_REPORTS`). Default 2000. */
  foldBatchReports?: number;
  /** Reports that may wait in the inbox (`USAGE_INBOX_MAX_REPORTS`). Default 20,000. */
  maxPendingReports?: number;
}

/** Throws a `ConfigError` when reports could be accepted for longer than their ids are remembered. */
export function toUsageSettings(parsed: z.output<typeof usageEnv>): UsageSettings {
  const usage = {
    retentionDays: parsed.USAGE_RETENTION_DAYS,
    maxClockSkewMs: parseDuration(parsed.USAGE_MAX_CLOCK_SKEW) ?? UsageReportLimits.maxClockSkewMs,
    maxReportAgeMs: parseDuration(parsed.USAGE_MAX_REPORT_AGE) ?? UsageReportLimits.maxReportAgeMs,
    reportIdRetentionMs: parseDuration(parsed.USAGE_REPORT_ID_RETENTION) ?? UsageReportLimits.reportIdRetentionMs,
    maxCountPerEntry: parsed.USAGE_MAX_COUNT_PER_ENTRY,
    foldIntervalMs: parsed.USAGE_FOLD_INTERVAL_MS,
    foldDelayMs: parsed.USAGE_FOLD_DELAY_MS,
    foldBatchReports: parsed.USAGE_FOLD_BATCH_REPORTS,
    maxPendingReports: parsed.USAGE_INBOX_MAX_REPORTS,
  };
  if (usage.maxReportAgeMs > usage.reportIdRetentionMs) {
    // A report older than its id's memory would be counted again when resent: accept only what can be recognised.
    throw new ConfigError([
      `USAGE_MAX_REPORT_AGE: must be at most USAGE_REPORT_ID_RETENTION (${parsed.USAGE_REPORT_ID_RETENTION}), or a resent report older than the ids remembered would be counted twice`,
    ]);
  }
  return usage;
}
