import { describe, expect, it } from 'vitest';
import { toIso, toNumber } from '../../db/sqlValues';
import { firstWholeDay } from '../../repositories/usageCountSources';
import { previousWindow } from './usageWindow';

describe('usage window helpers', () => {
  it('reads timestamps as either driver returns them', () => {
    expect(toIso('2026-03-10 09:00:00+00')).toBe('2026-03-10T09:00:00.000Z');
    expect(toIso('2026-03-10 09:00:10.5+00')).toBe('2026-03-10T09:00:10.500Z');
    expect(toIso('2026-03-10 09:00:10.123456+00')).toBe('2026-03-10T09:00:10.123Z');
    expect(toIso('2026-03-10 10:00:00+01')).toBe('2026-03-10T09:00:00.000Z');
    expect(toIso(new Date('2026-03-10T09:00:00Z'))).toBe('2026-03-10T09:00:00.000Z');
    expect(toIso(null)).toBeNull();
    expect(toIso('not a time')).toBeNull();
  });

  it('counts a daily row only when its whole day is in the range', () => {
    expect(firstWholeDay(new Date('2026-03-10T00:00:00Z'))).toBe('2026-03-10');
    expect(firstWholeDay(new Date('2026-03-10T00:00:00.001Z'))).toBe('2026-03-11');
    expect(firstWholeDay(new Date('2026-03-31T12:00:00Z'))).toBe('2026-04-01');
  });

  it('reads bigint sums sent as text, and the window before a window', () => {
    expect(toNumber('12345678901')).toBe(12_345_678_901);
    expect(toNumber(null)).toBe(0);
    const until = new Date('2026-03-10T00:00:00Z');
    expect(previousWindow({ since: new Date('2026-03-03T00:00:00Z'), until })).toEqual({
      since: new Date('2026-02-24T00:00:00Z'),
      until: new Date('2026-03-03T00:00:00Z'),
    });
  });
});
