import { describe, expect, it } from 'vitest';
import { defaultRetrySchedule, nextAttemptAt } from './retrySchedule';

describe('nextAttemptAt', () => {
  const createdAt = new Date('2026-03-01T00:00:00Z');

  it('doubles the delay from 30 s up to an hour', () => {
    const delays = [1, 2, 3, 4, 7, 8, 12].map((attempts) => {
      const failedAt = new Date(createdAt.getTime() + 60_000);
      return (
        ((nextAttemptAt(defaultRetrySchedule, createdAt, failedAt, attempts)?.getTime() ?? 0) - failedAt.getTime()) /
        1000
      );
    });
    expect(delays).toEqual([30, 60, 120, 240, 1920, 3600, 3600]);
  });

  it('gives up once the next attempt would be more than a day after the event', () => {
    const late = new Date(createdAt.getTime() + 86_400_000 - 10 * 60_000);
    expect(nextAttemptAt(defaultRetrySchedule, createdAt, late, 3)).toEqual(new Date(late.getTime() + 120_000));
    expect(nextAttemptAt(defaultRetrySchedule, createdAt, late, 20)).toBeUndefined();
  });

  it('retries about 30 times over the day when every attempt fails at once', () => {
    let at = createdAt;
    let attempts = 0;
    for (;;) {
      attempts += 1;
      const next = nextAttemptAt(defaultRetrySchedule, createdAt, at, attempts);
      if (!next) break;
      at = next;
    }
    expect(attempts).toBe(30);
  });
});
