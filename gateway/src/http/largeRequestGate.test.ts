import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLargeRequestGate } from './largeRequestGate';

describe('createLargeRequestGate', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const gate = () =>
    createLargeRequestGate({ thresholdBytes: 1000, concurrency: 1, bytesPerSecond: 1_000_000, now: () => Date.now() });

  it('lets small requests by, and treats unknown lengths as large', () => {
    const g = gate();
    expect(g.isLarge(1000)).toBe(false);
    expect(g.isLarge(1001)).toBe(true);
    expect(g.isLarge(-1)).toBe(true);
  });

  it('admits one large request at a time, paced by its size, and the next when the first is done', async () => {
    const g = gate();
    const never = new AbortController().signal;
    const order: string[] = [];
    const first = g.enter(500_000, never).then((leave) => (order.push('first'), leave));
    const second = g.enter(500_000, never).then((leave) => (order.push('second'), leave));
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual(['first']);
    (await first)?.();
    // Half a megabyte at a megabyte per second: the second waits for the pace, not only for the slot.
    await vi.advanceTimersByTimeAsync(499);
    expect(order).toEqual(['first']);
    await vi.advanceTimersByTimeAsync(1);
    expect(order).toEqual(['first', 'second']);
    (await second)?.();
  });

  it('drops a waiting request whose client went away, and gives its place to the next', async () => {
    const g = gate();
    const never = new AbortController().signal;
    const leaving = new AbortController();
    const first = await g.enter(2000, never);
    const abandoned = g.enter(2000, leaving.signal);
    const third = g.enter(2000, never);
    leaving.abort();
    expect(await abandoned).toBeUndefined();
    first?.();
    await vi.advanceTimersByTimeAsync(10);
    expect(typeof (await third)).toBe('function');
  });
});
