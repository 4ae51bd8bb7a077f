import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/openDatabase';
import { coordinateRequestSeries } from '../../repositories/coordinateUsageRepository';
import { coordinateErrorSeries, operationRequestSeries } from '../../repositories/operationUsageRepository';
import type { UsageWindow } from './usageWindow';

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
  const window = { since, until };
  const { coordinate, client } = input;
  const results: { time: string; requests?: number; errors?: number }[][] = await Promise.all(
    coordinate
      ? [
          coordinateRequestSeries(db, input.variantId, { window, coordinate, client, bucket }),
          coordinateErrorSeries(db, input.variantId, { window, coordinate, client, bucket }),
        ]
      : [operationRequestSeries(db, input.variantId, { window, client, bucket })],
  );
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
    for (const row of result) {
      const point = points.get(row.time) ?? { time: row.time, requests: 0, errors: 0 };
      point.requests += row.requests ?? 0;
      point.errors += row.errors ?? 0;
      points.set(row.time, point);
    }
  }
  return [...points.values()].sort((a, b) => a.time.localeCompare(b.time));
}
