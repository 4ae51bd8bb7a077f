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

/** What a forecast could say: a zero date, usage that is not falling, or too few days to fit a line. */
export const ForecastStatus = {
  DECLINING: 'DECLINING',
  NOT_DECLINING: 'NOT_DECLINING',
  NOT_ENOUGH_DATA: 'NOT_ENOUGH_DATA',
} as const;
export type ForecastStatus = (typeof ForecastStatus)[keyof typeof ForecastStatus];

/**
 * Days of usage (from the first day with requests to the window's last day) a forecast needs: a line through one
 * day says nothing about where usage is going.
 */
export const forecastMinimumDays = 2;

/** A least-squares line through daily counts and the day it reaches zero. */
export interface UsageForecast {
  status: ForecastStatus;
  /** Days the line was fitted over (from the first day with requests to the window's last day). */
  days: number;
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
 * than `forecastMinimumDays` days the status is NOT_ENOUGH_DATA; a flat or rising line is NOT_DECLINING.
 */
export function forecastZeroDate(counts: readonly DailyCount[], lastDay?: string): UsageForecast | null {
  if (counts.length === 0) return null;
  const byDay = new Map(counts.map((point) => [Date.parse(`${point.day}T00:00:00Z`), point.count]));
  const days = [...byDay.keys()].sort((a, b) => a - b);
  const first = days[0] ?? 0;
  const last = Math.max(days[days.length - 1] ?? first, lastDay ? Date.parse(`${lastDay}T00:00:00Z`) : first);
  const n = Math.round((last - first) / dayMs) + 1;
  if (n < forecastMinimumDays)
    return {
      status: ForecastStatus.NOT_ENOUGH_DATA,
      days: n,
      slope: 0,
      intercept: counts[0]?.count ?? 0,
      zeroDate: null,
    };
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
  if (!(slope < 0)) return { status: ForecastStatus.NOT_DECLINING, days: n, slope, intercept, zeroDate: null };
  const zeroDay = Math.ceil(-intercept / slope);
  return {
    status: ForecastStatus.DECLINING,
    days: n,
    slope,
    intercept,
    zeroDate: new Date(first + zeroDay * dayMs).toISOString().slice(0, 10),
  };
}
