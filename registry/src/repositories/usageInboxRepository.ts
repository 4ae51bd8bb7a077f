import { lte, sql } from 'drizzle-orm';
import { columnsOf, qualified } from '../db/columnNames';
import type { Executor } from '../db/openDatabase';
import { graphs, variants } from '../db/schema/graphs';
import { usageReportInbox, usageReports } from '../db/schema/usage';
import { rowsOf, textList } from '../db/sqlValues';

const inbox = columnsOf(usageReportInbox);
const reports = columnsOf(usageReports);
const graphColumns = columnsOf(graphs);
const variantColumns = columnsOf(variants);

/**
 * Advisory-lock key of the usage fold: background folds hold it shared (replicas fold at once, each its own reports),
 * reads and the rollup exclusively (they wait for the folds in progress, and hold new ones off).
 */
const FOLD_LOCK = 0x5357_5546;

/** What `acceptIntoInbox` found and did. */
export type InboxAcceptance =
  | { kind: 'unknownVariant' }
  /** At least `maxPending` reports wait: nothing was claimed, so the same report may be sent again later. */
  | { kind: 'full'; pending: number }
  /** `pending`: the reports that were waiting, when they were counted. */
  | { kind: 'duplicate'; pending?: number }
  | { kind: 'stored'; pending?: number };

/**
 * In one statement (one round trip per report, both or neither): finds the report's variant, counts the reports
 * waiting (up to `maxPending`), and unless the variant is unknown or the inbox full, claims the report's id and puts
 * the report in the inbox. A resent id is claimed already and stores nothing; a concurrent copy of the same report
 * waits on the id's row lock until the first commits, then finds it. Stamped with the database's clock, so a read
 * can fold exactly the reports acknowledged before it started.
 */
export async function acceptIntoInbox(
  db: Executor,
  report: {
    id: string;
    graph: string;
    variant: string;
    gzip: Uint8Array;
    maxPending: number;
    /**
     * Count the waiting reports (a scan of up to `maxPending` rows) and refuse at the bound; when false the report
     * is stored whatever the count, which the caller knows to be far below it (`createInboxGauge`).
     */
    countPending?: boolean;
  },
): Promise<InboxAcceptance> {
  const countPending = report.countPending ?? true;
  const g = (column: typeof graphColumns.id) => qualified('g', column);
  const v = (column: typeof variantColumns.id) => qualified('v', column);
  const [row] = rowsOf<{ variant_id: string | null; pending: number | string; stored: number | string }>(
    await db.execute(sql`
      with target as (
        select ${v(variantColumns.id)} as id from ${variants} v join ${graphs} g on ${g(graphColumns.id)} = ${v(variantColumns.graphId)}
        where ${g(graphColumns.name)} = ${report.graph} and ${v(variantColumns.name)} = ${report.variant}
      ),
      waiting as (
        ${
          countPending
            ? sql`select count(*) as n from (select 1 from ${usageReportInbox} limit ${report.maxPending}) as pending_reports`
            : sql`select 0 as n`
        }
      ),
      claimed as (
        insert into ${usageReports} (${reports.id}, ${reports.variantId}, ${reports.receivedAt})
        select ${report.id}::uuid, target.id, now() from target where (select n from waiting) < ${report.maxPending}
        on conflict (${reports.id}) do nothing
        returning ${reports.id} as id, ${reports.variantId} as variant_id
      ),
      stored as (
        insert into ${usageReportInbox} (${inbox.reportId}, ${inbox.variantId}, ${inbox.receivedAt}, ${inbox.report})
        select id, variant_id, now(), ${Buffer.from(report.gzip)}::bytea from claimed
        returning ${inbox.reportId}
      )
      select (select id from target) as variant_id, (select n from waiting) as pending,
        (select count(*) from stored) as stored`),
  );
  if (!row?.variant_id) return { kind: 'unknownVariant' };
  const pending = countPending ? Number(row.pending) : undefined;
  if (Number(row.stored) > 0) return { kind: 'stored', pending };
  return pending !== undefined && pending >= report.maxPending
    ? { kind: 'full', pending }
    : { kind: 'duplicate', pending };
}

/**
 * Takes the fold's lock for the rest of the transaction. `exclusive` (reads, the rollup) waits for every fold in
 * progress on any replica, so what they folded is visible once this returns, and holds new folds off; `shared`
 * (background folds) only waits for an exclusive holder, so replicas fold at once, each the reports it claimed.
 */
export async function lockUsageFold(tx: Executor, mode: 'exclusive' | 'shared' = 'exclusive'): Promise<void> {
  const key = sql.raw(String(FOLD_LOCK));
  await tx.execute(
    mode === 'shared' ? sql`select pg_advisory_xact_lock_shared(${key})` : sql`select pg_advisory_xact_lock(${key})`,
  );
}

/** A report waiting in the inbox. */
export interface PendingReport {
  reportId: string;
  variantId: string;
  /** The report as accepted, gzip-compressed JSON. */
  report: Uint8Array;
}

/** The database's clock now (not the transaction's start), as accepted reports' `received_at` is stamped. */
export async function databaseNow(db: Executor): Promise<Date> {
  const [row] = rowsOf<{ now: string | Date }>(await db.execute(sql`select clock_timestamp() as now`));
  return new Date(row?.now ?? Date.now());
}

/**
 * The oldest `limit` reports of the inbox (received at or before `receivedUpTo`, if given), in the order received,
 * locked until the transaction ends; reports another transaction holds are skipped, so folds running at once claim
 * different reports.
 */
export async function takePendingReports(tx: Executor, limit: number, receivedUpTo?: Date): Promise<PendingReport[]> {
  return tx
    .select({
      reportId: usageReportInbox.reportId,
      variantId: usageReportInbox.variantId,
      report: usageReportInbox.report,
    })
    .from(usageReportInbox)
    .where(receivedUpTo ? lte(usageReportInbox.receivedAt, receivedUpTo) : undefined)
    .orderBy(usageReportInbox.receivedAt, usageReportInbox.reportId)
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** Removes folded reports from the inbox (their ids stay claimed in `usage_reports`). */
export async function removeFromInbox(tx: Executor, reportIds: readonly string[]): Promise<void> {
  if (reportIds.length === 0) return;
  await tx.execute(sql`delete from ${usageReportInbox} where ${inbox.reportId} = any(${textList(reportIds)}::uuid[])`);
}
