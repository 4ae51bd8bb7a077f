import type { RegistryDatabase } from '../../db/openDatabase';
import { type AcceptResult, acceptUsageReport } from '../acceptUsageReport';
import type { UsageReport } from '../contract';
import { foldUsageInbox } from '../foldUsageInbox';

/** What `ingestUsageReport` did: the acceptance, and for a new report the rows the fold wrote. */
export type IngestResult =
  | (AcceptResult & { ok: true; duplicate: false; coordinateRows: number; operationRows: number })
  | Exclude<AcceptResult, { ok: true; duplicate: false }>;

/**
 * Accepts a report and folds the inbox at once, for tests that read the aggregates right after: the HTTP route
 * accepts, and the fold runs in the background.
 */
export async function ingestUsageReport(db: RegistryDatabase, report: UsageReport): Promise<IngestResult> {
  const accepted = await acceptUsageReport(db, report, { maxPendingReports: Number.MAX_SAFE_INTEGER });
  if (!accepted.ok || accepted.duplicate) return accepted;
  const folded = await foldUsageInbox(db);
  return { ...accepted, coordinateRows: folded.coordinateRows, operationRows: folded.operationRows };
}
