import { and, eq, lt, notExists, sql } from 'drizzle-orm';
import { columnsOf, qualified } from '../db/columnNames';
import { addHistograms, saturatingAdd, saturatingSum } from '../db/counterSql';
import type { Executor } from '../db/openDatabase';
import {
  usageCoordinateClients,
  usageCoordinatesDaily,
  usageCoordinatesHourly,
  usageCoordinateTotalsDaily,
  usageOperations,
  usageOperationsDaily,
  usageOperationsHourly,
  usageOperationTotalsDaily,
  usageReportInbox,
  usageReports,
} from '../db/schema/usage';
import { usageOperationErrorCodes, usageUnknownDocuments } from '../db/schema/usageErrorCodes';
import { usageSubgraphFetches } from '../db/schema/usageSubgraphFetches';
import { affected, day, rowsOf, timestamp } from '../db/sqlValues';

const ch = columnsOf(usageCoordinatesHourly);
const cd = columnsOf(usageCoordinatesDaily);
const ct = columnsOf(usageCoordinateTotalsDaily);
const cc = columnsOf(usageCoordinateClients);
const oh = columnsOf(usageOperationsHourly);
const od = columnsOf(usageOperationsDaily);
const ot = columnsOf(usageOperationTotalsDaily);
const op = columnsOf(usageOperations);

/** Advisory-lock key of the usage rollup: one replica rolls up at a time, the others skip that run. */
const ROLLUP_LOCK = 0x5357_5255;

/**
 * Takes the rollup's lock for the rest of the transaction, or answers false at once when another registry replica
 * holds it (its run does the work; a second one would only wait on its row locks).
 */
export async function tryLockUsageRollup(tx: Executor): Promise<boolean> {
  const [row] = rowsOf<{ locked: boolean }>(
    await tx.execute(sql`select pg_try_advisory_xact_lock(${sql.raw(String(ROLLUP_LOCK))}) as locked`),
  );
  return row?.locked === true;
}

/** `alias.count = saturating(alias.count + excluded.count)` for an upsert's `set`. */
const addTo = (alias: string, column: typeof ch.count) =>
  sql`${column} = ${saturatingAdd(qualified(alias, column), qualified('excluded', column))}`;
const addHistogramTo = (alias: string, column: typeof oh.latencyHistogram) =>
  sql`${column} = ${addHistograms(qualified(alias, column), qualified('excluded', column))}`;
const utcDay = (hour: typeof ch.hour) => sql`(${hour} at time zone 'UTC')::date`;

/**
 * Merges 5-minute rows older than `cutoff` into their whole hour's row (which is kept where it is, so moving rows
 * into it cannot collide). Returns the rows merged.
 */
export async function compactFineBuckets(tx: Executor, cutoff: Date): Promise<number> {
  const fineCoordinates = sql`${ch.hour} < ${timestamp(cutoff)} and ${ch.hour} <> date_trunc('hour', ${ch.hour}, 'UTC')`;
  const fineOperations = sql`${oh.hour} < ${timestamp(cutoff)} and ${oh.hour} <> date_trunc('hour', ${oh.hour}, 'UTC')`;
  const coordinates = await tx.execute(sql`
    with moved as (
      delete from ${usageCoordinatesHourly} where ${fineCoordinates}
      returning ${ch.variantId}, ${ch.hour}, ${ch.coordinate}, ${ch.clientName}, ${ch.clientVersion}, ${ch.count}
    )
    insert into ${usageCoordinatesHourly} as t (${ch.variantId}, ${ch.hour}, ${ch.coordinate}, ${ch.clientName}, ${ch.clientVersion}, ${ch.count})
    select ${ch.variantId}, date_trunc('hour', ${ch.hour}, 'UTC'), ${ch.coordinate}, ${ch.clientName}, ${ch.clientVersion},
      ${saturatingSum(ch.count)}
    from moved group by 1, 2, 3, 4, 5
    on conflict (${ch.variantId}, ${ch.hour}, ${ch.coordinate}, ${ch.clientName}, ${ch.clientVersion})
    do update set ${addTo('t', ch.count)}`);
  const key = sql`${oh.variantId}, ${oh.hour}, ${oh.signature}, ${oh.clientName}, ${oh.clientVersion}`;
  const operations = await tx.execute(sql`
    with moved as (
      delete from ${usageOperationsHourly} where ${fineOperations}
      returning ${oh.variantId}, date_trunc('hour', ${oh.hour}, 'UTC') as ${oh.hour}, ${oh.signature}, ${oh.clientName},
        ${oh.clientVersion}, ${oh.count}, ${oh.errors}, ${oh.latencyHistogram}
    ), totals as (
      select ${key}, ${saturatingSum(oh.count)} as ${oh.count}, ${saturatingSum(oh.errors)} as ${oh.errors}
      from moved group by 1, 2, 3, 4, 5
    ), slots as (
      select ${key}, i, ${saturatingSum(sql`slot`)} as slot
      from moved, unnest(${oh.latencyHistogram}) with ordinality as h(slot, i) group by 1, 2, 3, 4, 5, 6
    ), histograms as (
      select ${key}, array_agg(slot order by i)::bigint[] as ${oh.latencyHistogram}
      from slots group by 1, 2, 3, 4, 5
    )
    insert into ${usageOperationsHourly} as o (${key}, ${oh.count}, ${oh.errors}, ${oh.latencyHistogram})
    select ${key}, ${oh.count}, ${oh.errors}, coalesce(${qualified('h', oh.latencyHistogram)}, '{}'::bigint[])
    from totals left join histograms h using (${key})
    on conflict (${key})
    do update set ${addTo('o', oh.count)}, ${addTo('o', oh.errors)}, ${addHistogramTo('o', oh.latencyHistogram)}`);
  return affected(coordinates) + affected(operations);
}

/**
 * Moves coordinate rows of hours before `cutoff` into per-day rows (UTC days), into the per-day totals over clients
 * and into each client's span of days: the same moved rows feed all three, so they always agree. Returns the
 * per-client daily rows written.
 */
export async function rollUpCoordinateDays(tx: Executor, cutoff: Date): Promise<number> {
  const result = await tx.execute(sql`
    with moved as (
      delete from ${usageCoordinatesHourly} where ${ch.hour} < ${timestamp(cutoff)}
      returning ${ch.variantId}, ${ch.hour}, ${ch.coordinate}, ${ch.clientName}, ${ch.clientVersion}, ${ch.count}
    ), totals as (
      insert into ${usageCoordinateTotalsDaily} as t (${ct.variantId}, ${ct.day}, ${ct.coordinate}, ${ct.count})
      select ${ch.variantId}, ${utcDay(ch.hour)}, ${ch.coordinate}, ${saturatingSum(ch.count)}
      from moved group by 1, 2, 3
      on conflict (${ct.variantId}, ${ct.day}, ${ct.coordinate}) do update set ${addTo('t', ct.count)}
    ), spans as (
      insert into ${usageCoordinateClients} as c (${cc.variantId}, ${cc.coordinate}, ${cc.clientName}, ${cc.firstDay}, ${cc.lastDay})
      select ${ch.variantId}, ${ch.coordinate}, ${ch.clientName}, min(${utcDay(ch.hour)}), max(${utcDay(ch.hour)})
      from moved where ${ch.count} > 0 group by 1, 2, 3
      on conflict (${cc.variantId}, ${cc.coordinate}, ${cc.clientName}) do update set
        ${cc.firstDay} = least(${qualified('c', cc.firstDay)}, ${qualified('excluded', cc.firstDay)}),
        ${cc.lastDay} = greatest(${qualified('c', cc.lastDay)}, ${qualified('excluded', cc.lastDay)})
    )
    insert into ${usageCoordinatesDaily} as d (${cd.variantId}, ${cd.day}, ${cd.coordinate}, ${cd.clientName}, ${cd.clientVersion}, ${cd.count})
    select ${ch.variantId}, ${utcDay(ch.hour)}, ${ch.coordinate}, ${ch.clientName}, ${ch.clientVersion}, ${saturatingSum(ch.count)}
    from moved group by 1, 2, 3, 4, 5
    on conflict (${cd.variantId}, ${cd.day}, ${cd.coordinate}, ${cd.clientName}, ${cd.clientVersion})
    do update set ${addTo('d', cd.count)}`);
  return affected(result);
}

/**
 * Moves operation rows of hours before `cutoff` into per-day rows per client version and per-day totals over
 * clients (requests, errors and latency histograms). Returns the per-client daily rows written.
 */
export async function rollUpOperationDays(tx: Executor, cutoff: Date): Promise<number> {
  const perClient = sql`${od.variantId}, ${od.day}, ${od.signature}, ${od.clientName}, ${od.clientVersion}`;
  const allClients = sql`${ot.variantId}, ${ot.day}, ${ot.signature}`;
  const result = await tx.execute(sql`
    with moved as (
      delete from ${usageOperationsHourly} where ${oh.hour} < ${timestamp(cutoff)}
      returning ${oh.variantId}, ${oh.hour}, ${oh.signature}, ${oh.clientName}, ${oh.clientVersion}, ${oh.count},
        ${oh.errors}, ${oh.latencyHistogram}
    ), days as (
      select ${oh.variantId} as ${od.variantId}, ${utcDay(oh.hour)} as ${od.day}, ${oh.signature} as ${od.signature},
        ${oh.clientName} as ${od.clientName}, ${oh.clientVersion} as ${od.clientVersion}, ${oh.count} as ${od.count},
        ${oh.errors} as ${od.errors}, ${oh.latencyHistogram} as ${od.latencyHistogram}
      from moved
    ), totals as (
      select ${perClient}, ${saturatingSum(od.count)} as ${od.count}, ${saturatingSum(od.errors)} as ${od.errors}
      from days group by 1, 2, 3, 4, 5
    ), slots as (
      select ${perClient}, i, ${saturatingSum(sql`slot`)} as slot
      from days, unnest(${od.latencyHistogram}) with ordinality as h(slot, i) group by 1, 2, 3, 4, 5, 6
    ), histograms as (
      select ${perClient}, array_agg(slot order by i)::bigint[] as ${od.latencyHistogram}
      from slots group by 1, 2, 3, 4, 5
    ), all_clients as (
      select ${allClients}, ${saturatingSum(ot.count)} as ${ot.count}, ${saturatingSum(ot.errors)} as ${ot.errors}
      from days group by 1, 2, 3
    ), all_client_slots as (
      select ${allClients}, i, ${saturatingSum(sql`slot`)} as slot
      from days, unnest(${od.latencyHistogram}) with ordinality as h(slot, i) group by 1, 2, 3, 4
    ), all_client_histograms as (
      select ${allClients}, array_agg(slot order by i)::bigint[] as ${ot.latencyHistogram}
      from all_client_slots group by 1, 2, 3
    ), operation_totals as (
      insert into ${usageOperationTotalsDaily} as o (${allClients}, ${ot.count}, ${ot.errors}, ${ot.latencyHistogram})
      select ${allClients}, ${ot.count}, ${ot.errors}, coalesce(${qualified('h', ot.latencyHistogram)}, '{}'::bigint[])
      from all_clients left join all_client_histograms h using (${allClients})
      on conflict (${allClients})
      do update set ${addTo('o', ot.count)}, ${addTo('o', ot.errors)}, ${addHistogramTo('o', ot.latencyHistogram)}
    )
    insert into ${usageOperationsDaily} as d (${perClient}, ${od.count}, ${od.errors}, ${od.latencyHistogram})
    select ${perClient}, ${od.count}, ${od.errors}, coalesce(${qualified('h', od.latencyHistogram)}, '{}'::bigint[])
    from totals left join histograms h using (${perClient})
    on conflict (${perClient})
    do update set ${addTo('d', od.count)}, ${addTo('d', od.errors)}, ${addHistogramTo('d', od.latencyHistogram)}`);
  return affected(result);
}

/** What is past retention, by table family. */
export interface UsageRetentionCutoffs {
  /** Report ids received before this are forgotten. */
  reportIdsBefore: Date;
  /** Daily rows of days before this (`YYYY-MM-DD`) are deleted, and client spans are trimmed to the days left. */
  daysBefore: string;
  /** Operations not seen since this are deleted. */
  operationsLastSeenBefore: Date;
}

/** Deletes usage past retention; returns the rows deleted (client spans trimmed or dropped not included). */
export async function deleteExpiredUsage(tx: Executor, cutoffs: UsageRetentionCutoffs): Promise<number> {
  const before = day(cutoffs.daysBefore);
  const deleted = [
    // Ids of reports still in the inbox stay claimed, so a resend of one cannot be accepted a second time.
    await tx
      .delete(usageReports)
      .where(
        and(
          lt(usageReports.receivedAt, cutoffs.reportIdsBefore),
          notExists(
            tx.select({ one: sql`1` }).from(usageReportInbox).where(eq(usageReportInbox.reportId, usageReports.id)),
          ),
        ),
      ),
    await tx.execute(sql`delete from ${usageCoordinatesDaily} where ${cd.day} < ${before}`),
    await tx.execute(sql`delete from ${usageCoordinateTotalsDaily} where ${ct.day} < ${before}`),
    await tx.execute(sql`delete from ${usageOperationsDaily} where ${od.day} < ${before}`),
    await tx.execute(sql`delete from ${usageOperationTotalsDaily} where ${ot.day} < ${before}`),
    await tx
      .delete(usageOperationErrorCodes)
      .where(lt(usageOperationErrorCodes.hour, new Date(`${cutoffs.daysBefore}T00:00:00Z`))),
    await tx
      .delete(usageUnknownDocuments)
      .where(lt(usageUnknownDocuments.hour, new Date(`${cutoffs.daysBefore}T00:00:00Z`))),
    await tx
      .delete(usageSubgraphFetches)
      .where(lt(usageSubgraphFetches.hour, new Date(`${cutoffs.daysBefore}T00:00:00Z`))),
    await tx.execute(
      sql`delete from ${usageOperations} where ${op.lastSeen} < ${timestamp(cutoffs.operationsLastSeenBefore)}`,
    ),
  ];
  // A client's span starting before retention now starts at its first day left, or goes with its last day.
  const span = (column: typeof cc.coordinate) => qualified('c', column);
  const kept = (column: typeof cc.coordinate) => qualified('kept', column);
  await tx.execute(sql`
    update ${usageCoordinateClients} c set ${cc.firstDay} = ${kept(cc.firstDay)}
    from (
      select ${qualified('d', cd.variantId)}, ${qualified('d', cd.coordinate)}, ${qualified('d', cd.clientName)},
        min(${qualified('d', cd.day)}) as ${cc.firstDay}
      from ${usageCoordinatesDaily} d
      join ${usageCoordinateClients} s using (${cc.variantId}, ${cc.coordinate}, ${cc.clientName})
      where ${qualified('s', cc.firstDay)} < ${before} and ${qualified('d', cd.count)} > 0
      group by 1, 2, 3
    ) kept
    where ${span(cc.variantId)} = ${kept(cc.variantId)} and ${span(cc.coordinate)} = ${kept(cc.coordinate)}
      and ${span(cc.clientName)} = ${kept(cc.clientName)}`);
  await tx.execute(sql`delete from ${usageCoordinateClients} where ${cc.firstDay} < ${before}`);
  return deleted.reduce((sum: number, result) => sum + affected(result), 0);
}
