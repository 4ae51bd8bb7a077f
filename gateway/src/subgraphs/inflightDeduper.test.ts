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
    const first = deduper.run('catalog', 'a', start);
    const second = deduper.run('catalog', 'a', start);
    const other = deduper.run('catalog', 'b', () => Promise.resolve(7));
    expect([first.shared, second.shared, other.shared]).toEqual([false, true, false]);
    expect(second.promise).toBe(first.promise);
    finish(42);
    expect(await Promise.all([first.promise, second.promise, other.promise])).toEqual([42, 42, 7]);
    expect(calls).toBe(1);
    expect(deduper.size).toBe(0);
    expect(deduper.run('catalog', 'a', () => Promise.resolve(1)).shared).toBe(false);
  });

  it('shares nothing between the same body in two scopes (another subgraph or caller)', async () => {
    const deduper = createInflightDeduper<string>();
    const catalog = deduper.run('catalog\nx-switchyard-identity:a', 'body', () => Promise.resolve('a'));
    const otherCaller = deduper.run('catalog\nx-switchyard-identity:b', 'body', () => Promise.resolve('b'));
    const otherSubgraph = deduper.run('orders\nx-switchyard-identity:a', 'body', () => Promise.resolve('c'));
    expect([catalog.shared, otherCaller.shared, otherSubgraph.shared]).toEqual([false, false, false]);
    expect(deduper.size).toBe(3);
    expect(await Promise.all([catalog.promise, otherCaller.promise, otherSubgraph.promise])).toEqual(['a', 'b', 'c']);
    expect(deduper.size).toBe(0);
  });

  it('forgets a failed call so the next one retries', async () => {
    const deduper = createInflightDeduper<number>();
    await expect(deduper.run('catalog', 'a', () => Promise.reject(new Error('down'))).promise).rejects.toThrow('down');
    expect(await deduper.run('catalog', 'a', () => Promise.resolve(3)).promise).toBe(3);
  });
});
