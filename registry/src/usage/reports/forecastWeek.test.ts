import { describe, expect, it } from 'vitest';
import { forecastWeek } from './forecastWeek';

describe('forecastWeek', () => {
  it('says NOT_ENOUGH_DATA under 5 days', () => {
    expect(forecastWeek([10, 12, 14])).toEqual({
      status: 'NOT_ENOUGH_DATA',
      nextWeek: null,
      slopePerDay: null,
      backtestError: null,
      days: 3,
    });
  });

  it('extends a steady daily growth over the next 7 days, with no error on a straight line', () => {
    // 100, 110, …, 230: the next days are 240 … 300.
    const daily = Array.from({ length: 14 }, (_, day) => 100 + 10 * day);
    expect(forecastWeek(daily)).toEqual({ status: 'OK', nextWeek: 1890, slopePerDay: 10, backtestError: 0, days: 14 });
  });

  it('states its error on the window when the last week broke the trend', () => {
    const daily = [...new Array<number>(7).fill(100), ...new Array<number>(7).fill(150)];
    const forecast = forecastWeek(daily);
    // The first week forecast 700 for a second week of 1050.
    expect(forecast.backtestError).toBe(0.333);
    expect(forecast.status).toBe('OK');
  });

  it('forecasts from 5 days without an error figure, which needs 12', () => {
    expect(forecastWeek([10, 10, 10, 10, 10])).toMatchObject({ status: 'OK', nextWeek: 70, backtestError: null });
  });

  it('never forecasts negative days', () => {
    const daily = Array.from({ length: 7 }, (_, day) => 60 - 10 * day);
    expect(forecastWeek(daily).nextWeek).toBe(0);
  });
});
