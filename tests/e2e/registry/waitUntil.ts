import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `condition` every `intervalMs` (default 100) until it returns true, and fails with `what` once `timeoutMs`
 * (default 20 s) passed without it. A bounded wait, not a speed assertion: the timeout is meant to be generous.
 */
export async function waitUntil(
  what: string,
  condition: () => boolean | Promise<boolean>,
  { timeoutMs = 20_000, intervalMs = 100 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting until ${what}.`);
    await sleep(intervalMs);
  }
}
