import { type SQL, sql } from 'drizzle-orm';

/** A time range `[since, until)` a report covers. */
export interface UsageWindow {
  since: Date;
  until: Date;
}

/** The window of the same length just before `window`, for trends. */
export function previousWindow(window: UsageWindow): UsageWindow {
  const length = window.until.getTime() - window.since.getTime();
  return { since: new Date(window.since.getTime() - length), until: window.since };
}

/** A timestamptz bind parameter (ISO text cast explicitly, the same on both drivers). */
export function timestamp(date: Date): SQL {
  return sql`${date.toISOString()}::timestamptz`;
}

/** A text[] bind parameter, sent as one JSON value so any number of items costs one parameter. */
export function textList(items: readonly string[]): SQL {
  return sql`array(select jsonb_array_elements_text(${JSON.stringify(items)}::jsonb))`;
}

/** The first UTC day starting at or after `since`, as `YYYY-MM-DD`: daily rows count only for whole days. */
export function firstWholeDay(since: Date): string {
  const day = new Date(since);
  day.setUTCHours(0, 0, 0, 0);
  if (day.getTime() < since.getTime()) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/**
 * Coordinate counts of a variant from `since` on, hourly and daily rows together, each with the time `at` it
 * counts from (the hour, or the UTC day's midnight). Hourly and daily rows never overlap: the rollup moves rows.
 * A daily row counts when its day starts at or after `since` (so `at >= since` holds for every row).
 */
export function coordinateCounts(variantId: string, since: Date): SQL {
  return sql`(
    select coordinate, client_name, client_version, count, hour as at
    from registry.usage_coordinates_hourly where variant_id = ${variantId} and hour >= ${timestamp(since)}
    union all
    select coordinate, client_name, client_version, count, (day::timestamp at time zone 'UTC') as at
    from registry.usage_coordinates_daily where variant_id = ${variantId} and day >= ${firstWholeDay(since)}::date
  )`;
}

/** Operation counts of a variant from `since` on, hourly and daily rows together (see `coordinateCounts`). */
export function operationCounts(variantId: string, since: Date): SQL {
  return sql`(
    select signature, client_name, client_version, count, errors, hour as at
    from registry.usage_operations_hourly where variant_id = ${variantId} and hour >= ${timestamp(since)}
    union all
    select signature, client_name, client_version, count, errors, (day::timestamp at time zone 'UTC') as at
    from registry.usage_operations_daily where variant_id = ${variantId} and day >= ${firstWholeDay(since)}::date
  )`;
}

/**
 * Coordinate counts of a variant from `since` on summed over clients: hourly rows (still per client, at most 48 hours
 * of them) and the daily totals, each with the time `at` it counts from (see `coordinateCounts`). For sums, first and
 * last use; who used a coordinate comes from `coordinateClients`.
 */
export function coordinateTotals(variantId: string, since: Date): SQL {
  return sql`(
    select coordinate, count, hour as at
    from registry.usage_coordinates_hourly where variant_id = ${variantId} and hour >= ${timestamp(since)}
    union all
    select coordinate, count, (day::timestamp at time zone 'UTC') as at
    from registry.usage_coordinate_totals_daily where variant_id = ${variantId} and day >= ${firstWholeDay(since)}::date
  )`;
}

/**
 * Every (coordinate, client name) with requests in the window, once: from hourly rows directly, and from the daily
 * rows through each client's span of days (`usage_coordinate_clients`), reading its daily rows only when the window's
 * days lie strictly inside that span. Exact, like counting distinct clients over every daily row, at one row per
 * (coordinate, client).
 */
export function coordinateClients(variantId: string, window: UsageWindow): SQL {
  const firstDay = sql`${firstWholeDay(window.since)}::date`;
  const endDay = sql`${firstWholeDay(window.until)}::date`;
  return sql`(
    select coordinate, client_name from registry.usage_coordinates_hourly
    where variant_id = ${variantId} and hour >= ${timestamp(window.since)} and hour < ${timestamp(window.until)}
      and count > 0
    union
    select coordinate, client_name from registry.usage_coordinate_clients
    where variant_id = ${variantId} and last_day >= ${firstDay} and first_day < ${endDay}
      and (first_day >= ${firstDay} or last_day < ${endDay})
    union
    select c.coordinate, c.client_name from registry.usage_coordinate_clients c
    join registry.usage_coordinates_daily d using (variant_id, coordinate, client_name)
    where c.variant_id = ${variantId} and c.first_day < ${firstDay} and c.last_day >= ${endDay}
      and d.day >= ${firstDay} and d.day < ${endDay} and d.count > 0
  )`;
}

/** Operation counts of a variant from `since` on summed over clients: hourly rows and the daily totals. */
export function operationTotals(variantId: string, since: Date): SQL {
  return sql`(
    select signature, count, errors, hour as at
    from registry.usage_operations_hourly where variant_id = ${variantId} and hour >= ${timestamp(since)}
    union all
    select signature, count, errors, (day::timestamp at time zone 'UTC') as at
    from registry.usage_operation_totals_daily where variant_id = ${variantId} and day >= ${firstWholeDay(since)}::date
  )`;
}

/** The rows of a raw query, from either driver's result shape. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** A bigint/numeric column value as a number (drivers return them as strings). */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : Number(value);
}

const postgresUtc = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(\.\d+)?\+00$/;

/**
 * A timestamp column value as ISO text, or null. Drivers hand timestamptz back as PostgreSQL text
 * (`2026-03-10 09:00:00+00`); the common UTC form is rewritten without building a Date, which matters for reports
 * of tens of thousands of rows.
 */
export function toIso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  const text = String(value);
  const utc = postgresUtc.exec(text);
  if (utc) return `${utc[1]}T${utc[2]}${(utc[3] ?? '.000').padEnd(4, '0').slice(0, 4)}Z`;
  const date = new Date(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
