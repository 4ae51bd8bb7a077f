import { ErrorCode, SwitchyardError } from '../../errors';
import type { UsageWindow } from './usageWindow';

const durationPattern = /^(\d+)(m|h|d|w)$/;
const unitMs = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;
const isoPattern = /^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?)?$/;

/** Longest range a usage query may cover (the longest retention anyone keeps), in days. */
export const maxUsageRangeDays = 400;

/**
 * Parses a duration like `30m`, `24h`, `7d` or `2w` into milliseconds; undefined when `text` is not a duration.
 */
export function parseDuration(text: string): number | undefined {
  const match = durationPattern.exec(text.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const ms = amount * unitMs[match[2] as keyof typeof unitMs];
  return amount > 0 && Number.isSafeInteger(ms) ? ms : undefined;
}

function parseTime(name: string, text: string, now: Date): Date {
  const duration = parseDuration(text);
  if (duration !== undefined) return new Date(now.getTime() - duration);
  const trimmed = text.trim();
  const time = isoPattern.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new SwitchyardError(
      ErrorCode.BAD_USER_INPUT,
      `${name} must be a duration like 24h, 7d or 30d, or an ISO timestamp like 2026-03-01T00:00:00Z; got "${text}".`,
      { argument: name },
    );
  }
  return new Date(time);
}

/**
 * The window a usage query covers: `since` is a duration back from `now` (`7d`) or an ISO timestamp, `until` an
 * ISO timestamp or duration back from `now` (default `now`). Throws `BAD_USER_INPUT` naming the argument when
 * either cannot be read, when `since` is not before `until`, or when the range exceeds `maxUsageRangeDays`.
 */
export function parseUsageWindow(
  input: { since?: string | null; until?: string | null },
  now = new Date(),
): UsageWindow {
  const since = parseTime('since', input.since ?? '7d', now);
  const until = input.until == null || input.until === '' ? now : parseTime('until', input.until, now);
  if (since.getTime() >= until.getTime()) {
    throw new SwitchyardError(
      ErrorCode.BAD_USER_INPUT,
      `since (${since.toISOString()}) must be before until (${until.toISOString()}).`,
      { argument: 'since' },
    );
  }
  if (until.getTime() - since.getTime() > maxUsageRangeDays * unitMs.d) {
    throw new SwitchyardError(ErrorCode.BAD_USER_INPUT, `A usage range may cover at most ${maxUsageRangeDays} days.`, {
      argument: 'since',
    });
  }
  return { since, until };
}
