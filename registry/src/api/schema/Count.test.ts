import { describe, expect, it } from 'vitest';
import { serializeCount } from './Count';

describe('Count', () => {
  it('is a JSON number while JSON carries it exactly, and decimal digits above', () => {
    expect(serializeCount(2 ** 31)).toBe(2_147_483_648);
    expect(serializeCount(Number.MAX_SAFE_INTEGER)).toBe(9_007_199_254_740_991);
    expect(serializeCount(2n ** 63n - 1n)).toBe('9223372036854775807');
    expect(serializeCount('9007199254740993')).toBe('9007199254740993');
    expect(() => serializeCount(-1)).toThrow('Count cannot represent -1.');
    expect(() => serializeCount(1.5)).toThrow();
  });
});
