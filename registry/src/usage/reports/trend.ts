/** How usage moved between two equal windows. */
export const TrendDirection = { NEW: 'NEW', UP: 'UP', DOWN: 'DOWN', FLAT: 'FLAT', GONE: 'GONE', NONE: 'NONE' } as const;
export type TrendDirection = (typeof TrendDirection)[keyof typeof TrendDirection];

/** Requests in this window against the previous one. */
export interface Trend {
  current: number;
  previous: number;
  /** `(current - previous) / previous`; null when the previous window had none. */
  change: number | null;
  direction: TrendDirection;
}

/**
 * Compares this window's requests with the previous window's. Changes within ±5 % count as FLAT; NEW means no
 * requests before, GONE none now, NONE neither.
 */
export function computeTrend(current: number, previous: number): Trend {
  if (previous === 0)
    return { current, previous, change: null, direction: current > 0 ? TrendDirection.NEW : TrendDirection.NONE };
  const change = (current - previous) / previous;
  let direction: TrendDirection = TrendDirection.FLAT;
  if (current === 0) direction = TrendDirection.GONE;
  else if (change > 0.05) direction = TrendDirection.UP;
  else if (change < -0.05) direction = TrendDirection.DOWN;
  return { current, previous, change, direction };
}

/** One day's requests, `day` as `YYYY-MM-DD` (UTC). */
export interface DailyCount {
  day: string;
  count: number;
}

/** A least-squares line through daily counts and the day it reaches zero. */
export interface UsageForecast {
  /** Requests per day gained (negative: lost) each day. */
  slope: number;
  /** Fitted requests on the first day. */
  intercept: number;
  /** UTC day (`YYYY-MM-DD`) the fitted line reaches zero; null when usage is not declining. */
  zeroDate: string | null;
}

const dayMs = 86_400_000;

/**
 * Fits `count = intercept + slope × days since the first day` by least squares over the given days (days absent
 * from the list count as zero between the first and `lastDay`) and forecasts when usage reaches zero. With fewer
 * than two days, or a flat or rising line, there is no zero date.
 */
export function forecastZeroDate(counts: readonly DailyCount[], lastDay?: string): UsageForecast | null {
  if (counts.length === 0) return null;
  const byDay = new Map(counts.map((point) => [Date.parse(`${point.day}T00:00:00Z`), point.count]));
  const days = [...byDay.keys()].sort((a, b) => a - b);
  const first = days[0] ?? 0;
  const last = Math.max(days[days.length - 1] ?? first, lastDay ? Date.parse(`${lastDay}T00:00:00Z`) : first);
  const n = Math.round((last - first) / dayMs) + 1;
  if (n < 2) return { slope: 0, intercept: counts[0]?.count ?? 0, zeroDate: null };
  let sumX = 0;
  let sumY = 0;
  let sumXY = 0;
  let sumXX = 0;
  for (let x = 0; x < n; x++) {
    const y = byDay.get(first + x * dayMs) ?? 0;
    sumX += x;
    sumY += y;
    sumXY += x * y;
    sumXX += x * x;
  }
  const slope = (n * sumXY - sumX * sumY) / (n * sumXX - sumX * sumX);
  const intercept = (sumY - slope * sumX) / n;
  if (!(slope < 0)) return { slope, intercept, zeroDate: null };
  const zeroDay = Math.ceil(-intercept / slope);
  return { slope, intercept, zeroDate: new Date(first + zeroDay * dayMs).toISOString().slice(0, 10) };
}
