import { describe, expect, it } from 'vitest';
import { computeTrend, forecastZeroDate } from './trend';

describe('computeTrend', () => {
  it('says how usage moved against the previous window', () => {
    expect(computeTrend(150, 100)).toEqual({ current: 150, previous: 100, change: 0.5, direction: 'UP' });
    expect(computeTrend(50, 100)).toEqual({ current: 50, previous: 100, change: -0.5, direction: 'DOWN' });
    expect(computeTrend(103, 100)).toMatchObject({ direction: 'FLAT' });
    expect(computeTrend(0, 100)).toEqual({ current: 0, previous: 100, change: -1, direction: 'GONE' });
    expect(computeTrend(7, 0)).toEqual({ current: 7, previous: 0, change: null, direction: 'NEW' });
    expect(computeTrend(0, 0)).toEqual({ current: 0, previous: 0, change: null, direction: 'NONE' });
  });
});

describe('forecastZeroDate', () => {
  it('fits a falling line exactly and finds the day it reaches zero', () => {
    // 100, 90, 80, 70 → zero on day 10 after the first.
    const counts = [100, 90, 80, 70].map((count, i) => ({ day: `2026-03-0${i + 1}`, count }));
    const forecast = forecastZeroDate(counts);
    expect(forecast?.slope).toBeCloseTo(-10);
    expect(forecast?.intercept).toBeCloseTo(100);
    expect(forecast?.zeroDate).toBe('2026-03-11');
  });

  it('counts missing days as zero up to the last day of the window', () => {
    // y = 4 on day 0 and 0 on days 1..3: slope -1.2, intercept 2.8 → zero at ceil(2.33) = day 3.
    const forecast = forecastZeroDate([{ day: '2026-03-01', count: 4 }], '2026-03-04');
    expect(forecast?.slope).toBeCloseTo(-1.2);
    expect(forecast?.intercept).toBeCloseTo(2.8);
    expect(forecast?.zeroDate).toBe('2026-03-04');
  });

  it('has no zero date for flat or growing usage, or for one day', () => {
    const flat = forecastZeroDate([
      { day: '2026-03-01', count: 5 },
      { day: '2026-03-02', count: 5 },
    ]);
    expect([flat?.status, flat?.days, flat?.zeroDate]).toEqual(['NOT_DECLINING', 2, null]);
    expect(
      forecastZeroDate([
        { day: '2026-03-01', count: 1 },
        { day: '2026-03-02', count: 9 },
      ])?.slope,
    ).toBeCloseTo(8);
    expect(forecastZeroDate([{ day: '2026-03-01', count: 5 }])).toEqual({
      status: 'NOT_ENOUGH_DATA',
      days: 1,
      slope: 0,
      intercept: 5,
      zeroDate: null,
    });
    expect(forecastZeroDate([])).toBeNull();
  });
});
