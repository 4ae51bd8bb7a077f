import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/openDatabase';
import {
  coordinateCounts,
  operationCounts,
  rowsOf,
  textList,
  timestamp,
  toNumber,
  type UsageWindow,
} from './usageWindow';

/** One point of a usage time series: the bucket's start (ISO) and its counts. */
export interface UsagePoint {
  time: string;
  requests: number;
  errors: number;
}

/** Inputs of the usage series. */
export interface UsageSeriesInput {
  variantId: string;
  window: UsageWindow;
  /** Only requests referencing this coordinate (errors: of the operations referencing it). */
  coordinate?: string | null;
  /** Only this client name's requests. */
  client?: string | null;
}

/** Ranges up to this long get hourly points; longer ones daily points. */
export const hourlySeriesLimitMs = 48 * 3_600_000;

/**
 * Requests and errors over the window, one point per UTC hour (ranges up to 48 hours) or per UTC day, empty
 * buckets included. Usage already rolled up into days shows at the day's first hour in an hourly series.
 */
export async function usageSeries(db: Executor, input: UsageSeriesInput): Promise<UsagePoint[]> {
  const { since, until } = input.window;
  const hourly = until.getTime() - since.getTime() <= hourlySeriesLimitMs;
  const bucket = hourly
    ? sql`to_char(date_trunc('hour', at at time zone 'UTC'), 'YYYY-MM-DD"T"HH24":00:00.000Z"')`
    : sql`to_char(at at time zone 'UTC', 'YYYY-MM-DD"T00:00:00.000Z"')`;
  const clientFilter = input.client ? sql`and client_name = ${input.client}` : sql``;
  const coordinate = input.coordinate;
  const requestsQuery = coordinate
    ? sql`
      select ${bucket} as time, sum(count) as requests, 0 as errors
      from ${coordinateCounts(input.variantId, since)} as usage
      where at < ${timestamp(until)} and coordinate = ${coordinate} ${clientFilter}
      group by 1`
    : sql`
      select ${bucket} as time, sum(count) as requests, sum(errors) as errors
      from ${operationCounts(input.variantId, since)} as usage
      where at < ${timestamp(until)} ${clientFilter}
      group by 1`;
  const errorsQuery = coordinate
    ? sql`
      select ${bucket} as time, 0 as requests, sum(usage.errors) as errors
      from ${operationCounts(input.variantId, since)} as usage
      join registry.usage_operations o on o.variant_id = ${input.variantId} and o.signature = usage.signature
      where usage.at < ${timestamp(until)} and o.coordinates && ${textList([coordinate])} ${clientFilter}
      group by 1`
    : undefined;
  const results = await Promise.all([db.execute(requestsQuery), ...(errorsQuery ? [db.execute(errorsQuery)] : [])]);
  const points = new Map<string, UsagePoint>();
  const step = hourly ? 3_600_000 : 86_400_000;
  const first = new Date(since);
  if (hourly) first.setUTCMinutes(0, 0, 0);
  else first.setUTCHours(0, 0, 0, 0);
  for (let time = first.getTime(); time < until.getTime(); time += step) {
    const iso = new Date(time).toISOString();
    points.set(iso, { time: iso, requests: 0, errors: 0 });
  }
  for (const result of results) {
    for (const row of rowsOf<{ time: string; requests: unknown; errors: unknown }>(result)) {
      const point = points.get(row.time) ?? { time: row.time, requests: 0, errors: 0 };
      point.requests += toNumber(row.requests);
      point.errors += toNumber(row.errors);
      points.set(row.time, point);
    }
  }
  return [...points.values()].sort((a, b) => a.time.localeCompare(b.time));
}
