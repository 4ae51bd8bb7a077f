import { describe, expect, it } from 'vitest';
import { createInflightDeduper } from './inflightDeduper';

describe('createInflightDeduper', () => {
  it('shares a pending call between identical keys and forgets it once settled', async () => {
    const deduper = createInflightDeduper<number>();
    let calls = 0;
    let finish: (value: number) => void = () => {};
    const start = () => {
      calls++;
      return new Promise<number>((resolve) => (finish = resolve));
    };
    const first = deduper.run('a', start);
    const second = deduper.run('a', start);
    const other = deduper.run('b', () => Promise.resolve(7));
    expect([first.shared, second.shared, other.shared]).toEqual([false, true, false]);
    expect(second.promise).toBe(first.promise);
    finish(42);
    expect(await Promise.all([first.promise, second.promise, other.promise])).toEqual([42, 42, 7]);
    expect(calls).toBe(1);
    expect(deduper.size).toBe(0);
    expect(deduper.run('a', () => Promise.resolve(1)).shared).toBe(false);
  });

  it('forgets a failed call so the next one retries', async () => {
    const deduper = createInflightDeduper<number>();
    await expect(deduper.run('a', () => Promise.reject(new Error('down'))).promise).rejects.toThrow('down');
    expect(await deduper.run('a', () => Promise.resolve(3)).promise).toBe(3);
  });
});
