import { describe, expect, it } from 'vitest';
import { latencyPercentile } from './operationUsage';
import { parseDuration, parseUsageWindow } from './parseUsageWindow';

const now = new Date('2026-03-10T12:00:00Z');

describe('parseUsageWindow', () => {
  it('reads durations back from now, ISO timestamps, and defaults to the last 7 days', () => {
    expect(parseUsageWindow({}, now)).toEqual({ since: new Date('2026-03-03T12:00:00Z'), until: now });
    expect(parseUsageWindow({ since: '24h' }, now)).toEqual({ since: new Date('2026-03-09T12:00:00Z'), until: now });
    expect(parseUsageWindow({ since: '2026-03-01', until: '2026-03-02T06:00:00+02:00' }, now)).toEqual({
      since: new Date('2026-03-01T00:00:00Z'),
      until: new Date('2026-03-02T04:00:00Z'),
    });
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('2w')).toBe(14 * 86_400_000);
    expect(parseDuration('0d')).toBeUndefined();
    expect(parseDuration('7 days')).toBeUndefined();
  });

  it('refuses unreadable values, reversed ranges and ranges past 400 days with BAD_USER_INPUT', () => {
    const codeOf = (input: { since?: string; until?: string }) => {
      try {
        parseUsageWindow(input, now);
        return 'no error';
      } catch (error) {
        return (error as { extensions?: { code?: string; argument?: string } }).extensions;
      }
    };
    expect(codeOf({ since: 'yesterday' })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'since' });
    expect(codeOf({ until: 'March' })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'until' });
    expect(codeOf({ since: '2026-03-11T00:00:00Z' })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(codeOf({ since: '500d' })).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('latencyPercentile', () => {
  it('interpolates inside the bucket holding the percentile and caps at the last bound', () => {
    // 10 requests under 5 ms, 10 between 5 and 10 ms.
    expect(latencyPercentile([10, 10], 0.5)).toBe(5);
    expect(latencyPercentile([10, 10], 0.75)).toBe(7.5);
    expect(latencyPercentile([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4], 0.5)).toBe(10_000);
    expect(latencyPercentile([], 0.5)).toBeNull();
  });
});
