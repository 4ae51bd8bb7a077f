/** How failed deliveries are retried. */
export interface RetrySchedule {
  /** Delay before the first retry, ms; each later one doubles it (WEBHOOK_RETRY_BASE_MS). */
  baseDelayMs: number;
  /** Longest delay between two attempts, ms (WEBHOOK_RETRY_MAX_DELAY_MS). */
  maxDelayMs: number;
  /** How long after the event attempts go on, ms (WEBHOOK_RETRY_HORIZON); then the delivery is FAILED. */
  horizonMs: number;
}

/** 30 s, doubling up to an hour, for a day: about 30 attempts, the last ones hourly. */
export const defaultRetrySchedule: RetrySchedule = {
  baseDelayMs: 30_000,
  maxDelayMs: 3_600_000,
  horizonMs: 86_400_000,
};

/**
 * When a delivery that has failed `attempts` times (at least 1) is tried next: base × 2^(attempts−1), at most
 * `maxDelayMs`, after `failedAt`. `undefined` when that is past the horizon counted from `createdAt`: give up.
 */
export function nextAttemptAt(
  schedule: RetrySchedule,
  createdAt: Date,
  failedAt: Date,
  attempts: number,
): Date | undefined {
  const exponent = Math.min(Math.max(attempts - 1, 0), 40);
  const delay = Math.min(schedule.baseDelayMs * 2 ** exponent, schedule.maxDelayMs);
  const next = failedAt.getTime() + delay;
  return next > createdAt.getTime() + schedule.horizonMs ? undefined : new Date(next);
}
