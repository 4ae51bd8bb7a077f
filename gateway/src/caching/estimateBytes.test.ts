import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { estimateBytes } from './estimateBytes';

describe('estimateBytes', () => {
  it('weighs strings at two bytes a character and objects by their properties', () => {
    expect(estimateBytes('a'.repeat(1000))).toBe(16 + 2000);
    expect(estimateBytes({ a: 1, b: 'xy' })).toBe(24 + 2 * 16 + 8 + (16 + 4));
    expect(estimateBytes([1, 2, 3])).toBe(24 + 3 * 16 + 3 * 8);
  });

  it('counts an object referenced twice once, and survives cycles', () => {
    const shared = { text: 'z'.repeat(500) };
    const cyclic: Record<string, unknown> = { shared, again: shared };
    cyclic.self = cyclic;
    expect(estimateBytes(cyclic)).toBe(24 + 3 * 16 + estimateBytes(shared));
  });

  it('grows with the document: a query ten times as long weighs about ten times as much', () => {
    const fields = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `field${i}`).join(' ')} }`;
    const small = estimateBytes(parse(fields(20)));
    const large = estimateBytes(parse(fields(200)));
    expect(large / small).toBeGreaterThan(8);
    expect(large / small).toBeLessThan(12);
  });
});
