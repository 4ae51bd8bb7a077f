import { type SQL, sql } from 'drizzle-orm';
import { columnsOf, qualified } from '../db/columnNames';
import {
  usageCoordinateClients,
  usageCoordinatesDaily,
  usageCoordinatesHourly,
  usageCoordinateTotalsDaily,
  usageOperationsDaily,
  usageOperationsHourly,
  usageOperationTotalsDaily,
} from '../db/schema/usage';
import { day, timestamp } from '../db/sqlValues';

// The usage tables keep recent counts in `_hourly` tables (5-minute and hourly buckets) and older ones in `_daily`
// tables; the rollup moves rows from the first to the second, so the two never overlap. These sources read both as
// one relation over a time range. A daily row counts when its UTC day starts inside the range, so old usage is
// counted by whole days. Each source's columns have the fixed names given in its comment, whatever the tables call
// theirs, so the queries built on them stay the same when a column is renamed.

const ch = columnsOf(usageCoordinatesHourly);
const cd = columnsOf(usageCoordinatesDaily);
const ct = columnsOf(usageCoordinateTotalsDaily);
const cc = columnsOf(usageCoordinateClients);
const oh = columnsOf(usageOperationsHourly);
const od = columnsOf(usageOperationsDaily);
const ot = columnsOf(usageOperationTotalsDaily);

/** A time range `[since, until)`; without `until`, up to now and beyond. */
export interface CountRange {
  since: Date;
  until?: Date;
}

/** The first UTC day starting at or after `time`, as `YYYY-MM-DD`: daily rows count only for whole days. */
export function firstWholeDay(time: Date): string {
  const start = new Date(time);
  start.setUTCHours(0, 0, 0, 0);
  if (start.getTime() < time.getTime()) start.setUTCDate(start.getUTCDate() + 1);
  return start.toISOString().slice(0, 10);
}

/** The midnight (UTC) a daily row counts from, as timestamptz. */
export function startOfDay(column: SQL): SQL {
  return sql`(${column}::timestamp at time zone 'UTC')`;
}

function hourIn(hour: SQL, range: CountRange): SQL {
  const until = range.until ? sql` and ${hour} < ${timestamp(range.until)}` : sql``;
  return sql`${hour} >= ${timestamp(range.since)}${until}`;
}

function dayIn(column: SQL, range: CountRange): SQL {
  const until = range.until ? sql` and ${column} < ${day(firstWholeDay(range.until))}` : sql``;
  return sql`${column} >= ${day(firstWholeDay(range.since))}${until}`;
}

/** Requests per coordinate and client version: `coordinate, client_name, client_version, count, at`. */
export function coordinateCounts(variantId: string, range: CountRange): SQL {
  return sql`(
    select ${ch.coordinate} as coordinate, ${ch.clientName} as client_name, ${ch.clientVersion} as client_version,
      ${ch.count} as count, ${ch.hour} as at
    from ${usageCoordinatesHourly} where ${ch.variantId} = ${variantId} and ${hourIn(ch.hour, range)}
    union all
    select ${cd.coordinate}, ${cd.clientName}, ${cd.clientVersion}, ${cd.count}, ${startOfDay(cd.day)}
    from ${usageCoordinatesDaily} where ${cd.variantId} = ${variantId} and ${dayIn(cd.day, range)}
  )`;
}

/** Requests and errors per operation and client version: `signature, client_name, client_version, count, errors, at`. */
export function operationCounts(variantId: string, range: CountRange): SQL {
  return sql`(
    select ${oh.signature} as signature, ${oh.clientName} as client_name, ${oh.clientVersion} as client_version,
      ${oh.count} as count, ${oh.errors} as errors, ${oh.hour} as at
    from ${usageOperationsHourly} where ${oh.variantId} = ${variantId} and ${hourIn(oh.hour, range)}
    union all
    select ${od.signature}, ${od.clientName}, ${od.clientVersion}, ${od.count}, ${od.errors}, ${startOfDay(od.day)}
    from ${usageOperationsDaily} where ${od.variantId} = ${variantId} and ${dayIn(od.day, range)}
  )`;
}

/**
 * Requests, errors and latency histograms per operation: `signature, client_name, client_version, count, errors,
 * latency_histogram`; over every client (from the daily totals, `client_name` and `client_version` empty) when
 * `allClients`.
 */
export function operationHistograms(variantId: string, range: CountRange, allClients: boolean): SQL {
  const daily = allClients
    ? sql`select ${ot.signature}, '', '', ${ot.count}, ${ot.errors}, ${ot.latencyHistogram}
      from ${usageOperationTotalsDaily} where ${ot.variantId} = ${variantId} and ${dayIn(ot.day, range)}`
    : sql`select ${od.signature}, ${od.clientName}, ${od.clientVersion}, ${od.count}, ${od.errors}, ${od.latencyHistogram}
      from ${usageOperationsDaily} where ${od.variantId} = ${variantId} and ${dayIn(od.day, range)}`;
  return sql`(
    select ${oh.signature} as signature, ${allClients ? sql`''` : oh.clientName} as client_name,
      ${allClients ? sql`''` : oh.clientVersion} as client_version, ${oh.count} as count, ${oh.errors} as errors,
      ${oh.latencyHistogram} as latency_histogram
    from ${usageOperationsHourly} where ${oh.variantId} = ${variantId} and ${hourIn(oh.hour, range)}
    union all
    ${daily}
  )`;
}

/**
 * `operationHistograms` with the period each row falls in: `period` (timestamptz, the start of its UTC hour, or of
 * its UTC day for rows already rolled into days) and `hours` (1 or 24), for reports that judge each hour (SLAs).
 */
export function operationHistogramPeriods(variantId: string, range: CountRange, allClients: boolean): SQL {
  const daily = allClients
    ? sql`select ${ot.signature}, '', '', ${ot.count}, ${ot.errors}, ${ot.latencyHistogram}, ${startOfDay(ot.day)}, 24
      from ${usageOperationTotalsDaily} where ${ot.variantId} = ${variantId} and ${dayIn(ot.day, range)}`
    : sql`select ${od.signature}, ${od.clientName}, ${od.clientVersion}, ${od.count}, ${od.errors}, ${od.latencyHistogram},
        ${startOfDay(od.day)}, 24
      from ${usageOperationsDaily} where ${od.variantId} = ${variantId} and ${dayIn(od.day, range)}`;
  return sql`(
    select ${oh.signature} as signature, ${allClients ? sql`''` : oh.clientName} as client_name,
      ${allClients ? sql`''` : oh.clientVersion} as client_version, ${oh.count} as count, ${oh.errors} as errors,
      ${oh.latencyHistogram} as latency_histogram, date_trunc('hour', ${oh.hour}, 'UTC') as period, 1 as hours
    from ${usageOperationsHourly} where ${oh.variantId} = ${variantId} and ${hourIn(oh.hour, range)}
    union all
    ${daily}
  )`;
}

/**
 * Requests per coordinate over every client, in two parts a query aggregates separately (one aggregate over the
 * union would compute each daily row's time): `hourly` is `coordinate, count, at` from the per-client hourly rows
 * (at most 48 hours of them), `daily` is `coordinate, count, day` from the daily totals.
 */
export function coordinateTotalSources(variantId: string, range: CountRange): { hourly: SQL; daily: SQL } {
  return {
    hourly: sql`(
      select ${ch.coordinate} as coordinate, ${ch.count} as count, ${ch.hour} as at
      from ${usageCoordinatesHourly} where ${ch.variantId} = ${variantId} and ${hourIn(ch.hour, range)}
    )`,
    daily: sql`(
      select ${ct.coordinate} as coordinate, ${ct.count} as count, ${ct.day} as day
      from ${usageCoordinateTotalsDaily} where ${ct.variantId} = ${variantId} and ${dayIn(ct.day, range)}
    )`,
  };
}

/** Requests and errors per operation over every client: `signature, count, errors, at` (hourly rows and daily totals). */
export function operationTotals(variantId: string, range: CountRange): SQL {
  return sql`(
    select ${oh.signature} as signature, ${oh.count} as count, ${oh.errors} as errors, ${oh.hour} as at
    from ${usageOperationsHourly} where ${oh.variantId} = ${variantId} and ${hourIn(oh.hour, range)}
    union all
    select ${ot.signature}, ${ot.count}, ${ot.errors}, ${startOfDay(ot.day)}
    from ${usageOperationTotalsDaily} where ${ot.variantId} = ${variantId} and ${dayIn(ot.day, range)}
  )`;
}

/**
 * Every (coordinate, client name) with requests in `[since, until)`, once: `coordinate, client_name`. From hourly
 * rows directly, and from the daily rows through each client's span of days (`usage_coordinate_clients`), reading its
 * daily rows only when the range's days lie strictly inside that span. Exact, like counting distinct clients over
 * every daily row, at one row per (coordinate, client).
 */
export function coordinateClients(variantId: string, range: Required<CountRange>): SQL {
  const firstDay = day(firstWholeDay(range.since));
  const endDay = day(firstWholeDay(range.until));
  return sql`(
    select ${ch.coordinate} as coordinate, ${ch.clientName} as client_name from ${usageCoordinatesHourly}
    where ${ch.variantId} = ${variantId} and ${hourIn(ch.hour, range)} and ${ch.count} > 0
    union
    select ${cc.coordinate}, ${cc.clientName} from ${usageCoordinateClients}
    where ${cc.variantId} = ${variantId} and ${cc.lastDay} >= ${firstDay} and ${cc.firstDay} < ${endDay}
      and (${cc.firstDay} >= ${firstDay} or ${cc.lastDay} < ${endDay})
    union
    select ${qualified('c', cc.coordinate)}, ${qualified('c', cc.clientName)}
    from ${usageCoordinateClients} c
    join ${usageCoordinatesDaily} d on ${qualified('d', cd.variantId)} = ${qualified('c', cc.variantId)}
      and ${qualified('d', cd.coordinate)} = ${qualified('c', cc.coordinate)}
      and ${qualified('d', cd.clientName)} = ${qualified('c', cc.clientName)}
    where ${qualified('c', cc.variantId)} = ${variantId} and ${qualified('c', cc.firstDay)} < ${firstDay}
      and ${qualified('c', cc.lastDay)} >= ${endDay}
      and ${qualified('d', cd.day)} >= ${firstDay} and ${qualified('d', cd.day)} < ${endDay}
      and ${qualified('d', cd.count)} > 0
  )`;
}
