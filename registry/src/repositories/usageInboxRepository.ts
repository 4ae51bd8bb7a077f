import { lte, sql } from 'drizzle-orm';
import { columnsOf } from '../db/columnNames';
import type { Executor } from '../db/openDatabase';
import { usageReportInbox, usageReports } from '../db/schema/usage';
import { rowsOf, textList } from '../db/sqlValues';

const inbox = columnsOf(usageReportInbox);
const reports = columnsOf(usageReports);

/** Advisory-lock key of the usage fold: one fold at a time across replicas, and reads wait for it. */
const FOLD_LOCK = 0x5357_5546;

/**
 * Claims a report's id and puts the report in the inbox, in one statement: both or neither. False when the id was
 * claimed before (a resend), and then nothing is stored. A concurrent copy of the same report waits on the id's row
 * lock until the first commits, then finds it.
 */
export async function acceptIntoInbox(
  db: Executor,
  report: { id: string; variantId: string; gzip: Uint8Array },
): Promise<boolean> {
  // The database's clock, so that a read can fold exactly the reports acknowledged before it started.
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      with claimed as (
        insert into ${usageReports} (${reports.id}, ${reports.variantId}, ${reports.receivedAt})
        values (${report.id}::uuid, ${report.variantId}::uuid, now())
        on conflict (${reports.id}) do nothing
        returning ${reports.id} as id
      )
      insert into ${usageReportInbox} (${inbox.reportId}, ${inbox.variantId}, ${inbox.receivedAt}, ${inbox.report})
      select id, ${report.variantId}::uuid, now(), ${Buffer.from(report.gzip)}::bytea from claimed
      returning ${inbox.reportId} as id`),
  );
  return rows.length > 0;
}

/** Reports waiting in the inbox, counted up to `limit` (so the count costs at most that many rows). */
export async function countPendingReports(db: Executor, limit: number): Promise<number> {
  const [row] = rowsOf<{ pending: number | string }>(
    await db.execute(
      sql`select count(*) as pending from (select 1 from ${usageReportInbox} limit ${limit}) as pending_reports`,
    ),
  );
  return Number(row?.pending ?? 0);
}

/**
 * Takes the fold's lock for the rest of the transaction, waiting while another replica (or a read) folds, so that
 * what it folded is visible once this returns.
 */
export async function lockUsageFold(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(FOLD_LOCK))})`);
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

/** The oldest `limit` reports of the inbox (received at or before `receivedUpTo`, if given), in the order received. */
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
    .limit(limit);
}

/** Removes folded reports from the inbox (their ids stay claimed in `usage_reports`). */
export async function removeFromInbox(tx: Executor, reportIds: readonly string[]): Promise<void> {
  if (reportIds.length === 0) return;
  await tx.execute(sql`delete from ${usageReportInbox} where ${inbox.reportId} = any(${textList(reportIds)}::uuid[])`);
}
