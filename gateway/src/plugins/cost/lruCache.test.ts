import { describe, expect, it } from 'vitest';
import { LruCache } from './lruCache';

describe('LruCache', () => {
  const weighByLength = (value: string) => value.length;

  it('keeps entries up to its bytes and forgets the least recently used past them', () => {
    const cache = new LruCache<string, string>(100, weighByLength);
    cache.set('a', 'x'.repeat(40));
    cache.set('b', 'x'.repeat(40));
    expect(cache.get('a')).toHaveLength(40);
    cache.set('c', 'x'.repeat(40));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toHaveLength(40);
    expect(cache.get('c')).toHaveLength(40);
    expect(cache.bytes).toBe(80);
  });

  it('does not keep an entry heavier than the whole budget, and keeps nothing at 0 bytes', () => {
    const cache = new LruCache<string, string>(100, weighByLength);
    cache.set('small', 'x');
    cache.set('huge', 'x'.repeat(101));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('small')).toBe('x');
    const none = new LruCache<string, string>(0);
    none.set('a', 'x');
    expect(none.get('a')).toBeUndefined();
    expect(none.size).toBe(0);
  });

  it('weighs keys and values by their estimated heap by default', () => {
    const cache = new LruCache<string, { text: string }>(10_000);
    for (let i = 0; i < 100; i++) cache.set(`key${i}`, { text: 'y'.repeat(500) });
    expect(cache.size).toBeLessThan(10);
    expect(cache.bytes).toBeLessThanOrEqual(10_000);
  });
});
