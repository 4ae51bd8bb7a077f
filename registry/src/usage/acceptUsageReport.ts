import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { RegistryDatabase } from '../db/openDatabase';
import { acceptIntoInbox } from '../repositories/usageInboxRepository';
import type { UsageReport } from './contract';
import type { InboxGauge } from './inboxGauge';

const gzipAsync = promisify(gzip);

/** Outcome of accepting a valid report. */
export type AcceptResult =
  /** Stored in the inbox: it will be counted once (`foldUsageInbox`), and reads wait for that. */
  | { ok: true; duplicate: false; operations: number }
  /** The report's id was accepted before: nothing was added. */
  | { ok: true; duplicate: true; operations: number }
  | { ok: false; code: 'BAD_USAGE_REPORT'; message: string }
  /** More than `maxPendingReports` reports wait to be folded; retry later. */
  | { ok: false; code: 'USAGE_INBOX_FULL'; message: string; pending: number };

/** Reports that may wait in the inbox before new ones are refused (`USAGE_INBOX_MAX_REPORTS`). */
export const DEFAULT_INBOX_MAX_REPORTS = 20_000;

/** Options of `acceptUsageReport`. */
export interface AcceptOptions {
  /** Refuse new reports while this many wait in the inbox (`USAGE_INBOX_MAX_REPORTS`). */
  maxPendingReports: number;
  /**
   * The gzip body the report was read from, when it holds exactly the report (no entry was refused): stored as it
   * is. Otherwise the report is compressed here.
   */
  receivedGzip?: Uint8Array;
  /**
   * This replica's knowledge of the inbox's length: with it, the inbox is counted only when it could be near full
   * (see `createInboxGauge`). Without it, every report counts it.
   */
  gauge?: InboxGauge;
}

/**
 * Accepts a validated usage report: claims its id and stores it in the inbox in one statement, so an acknowledged
 * report is counted exactly once even if this replica stops before folding it. A resend of an accepted id adds
 * nothing. The counts are folded into the aggregates in the background (`foldUsageInbox`), in batches that sum many
 * reports into few rows; every usage read folds what is pending first.
 */
export async function acceptUsageReport(
  db: RegistryDatabase,
  report: UsageReport,
  options: AcceptOptions,
): Promise<AcceptResult> {
  const acceptance = await acceptIntoInbox(db, {
    id: report.id,
    graph: report.graph,
    variant: report.variant,
    gzip: options.receivedGzip ?? (await gzipAsync(JSON.stringify(report), { level: 1 })),
    maxPending: options.maxPendingReports,
    countPending: options.gauge?.needsCount() ?? true,
  });
  options.gauge?.observe({
    pending: 'pending' in acceptance ? acceptance.pending : undefined,
    stored: acceptance.kind === 'stored',
  });
  const operations = report.operations.length;
  switch (acceptance.kind) {
    case 'unknownVariant':
      return {
        ok: false,
        code: 'BAD_USAGE_REPORT',
        message: `Graph "${report.graph}" has no variant "${report.variant}" in the registry; publish a subgraph to it before reporting usage.`,
      };
    case 'full':
      return {
        ok: false,
        code: 'USAGE_INBOX_FULL',
        message: `${acceptance.pending} usage reports wait to be counted (USAGE_INBOX_MAX_REPORTS); retry later.`,
        pending: acceptance.pending,
      };
    case 'duplicate':
      return { ok: true, duplicate: true, operations };
    case 'stored':
      return { ok: true, duplicate: false, operations };
  }
}
