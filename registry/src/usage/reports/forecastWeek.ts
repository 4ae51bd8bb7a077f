/** How a week's volume is forecast, stated with every forecast. */
export const WEEK_FORECAST_METHOD =
  'Least-squares line through the fetches of each whole UTC day of the window (at least 5), summed over the 7 days after it (negative days count 0). Its error is measured on the window itself when it has at least 12 whole days: the line through all days but the last 7 forecasts those 7, and the error is |forecast − actual| / actual of their sum.';

/**
 * Fewest days a forecast is made from: fewer days make a line of noise. 5, so a `--since 7d` window (6 whole days)
 * has a forecast; its error needs 5 more days before the 7 it is measured on.
 */
export const MIN_FORECAST_DAYS = 5;

/** A forecast of the next 7 days' total, or why there is none. */
export type WeekForecast =
  | {
      status: 'OK';
      /** Forecast total of the 7 days after the window. */
      nextWeek: number;
      /** Daily change of the fitted line. */
      slopePerDay: number;
      /** Relative error of the same method on the window's last 7 days; null under 12 days (or none fetched). */
      backtestError: number | null;
      days: number;
    }
  | { status: 'NOT_ENOUGH_DATA'; nextWeek: null; slopePerDay: null; backtestError: null; days: number };

function fitLine(values: readonly number[]): { intercept: number; slope: number } {
  const n = values.length;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((a, b) => a + b, 0) / n;
  let covariance = 0;
  let variance = 0;
  values.forEach((y, x) => {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  });
  const slope = variance === 0 ? 0 : covariance / variance;
  return { intercept: meanY - slope * meanX, slope };
}

/** The fitted line's sum over the 7 days after `values`, each day at least 0. */
function sumNextWeek(values: readonly number[]): { total: number; slope: number } {
  const { intercept, slope } = fitLine(values);
  let total = 0;
  for (let day = values.length; day < values.length + 7; day++) total += Math.max(0, intercept + slope * day);
  return { total, slope };
}

/**
 * Forecasts the next 7 days' total from daily counts (oldest first, empty days as 0) with `WEEK_FORECAST_METHOD`:
 * `NOT_ENOUGH_DATA` under `MIN_FORECAST_DAYS` days.
 */
export function forecastWeek(daily: readonly number[]): WeekForecast {
  const days = daily.length;
  if (days < MIN_FORECAST_DAYS) {
    return { status: 'NOT_ENOUGH_DATA', nextWeek: null, slopePerDay: null, backtestError: null, days };
  }
  const { total, slope } = sumNextWeek(daily);
  let backtestError: number | null = null;
  if (days >= MIN_FORECAST_DAYS + 7) {
    const actual = daily.slice(-7).reduce((a, b) => a + b, 0);
    const predicted = sumNextWeek(daily.slice(0, -7)).total;
    backtestError = actual === 0 ? null : Math.round((Math.abs(predicted - actual) / actual) * 1000) / 1000;
  }
  return { status: 'OK', nextWeek: Math.round(total), slopePerDay: Math.round(slope * 100) / 100, backtestError, days };
}
