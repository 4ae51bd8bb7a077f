import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor';
import { checkPageSize } from './pageSize';

describe('cursors', () => {
  it('round-trip a keyset position, whatever characters the sort values hold', () => {
    const position = ['Chloé’s "gauze", 5 cm / 10', 'supply_00042'];
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 2)).toEqual(position);
  });

  it('refuse anything they did not make as bad user input naming the argument', () => {
    for (const cursor of ['', '%%%', encodeCursor(['only-one']), Buffer.from('[1,2]').toString('base64url')]) {
      expect(() => decodeCursor(cursor, 2)).toThrow(
        expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', argument: 'after' } }),
      );
    }
  });
});

describe('checkPageSize', () => {
  it('accepts 0 up to the limit and names the limit otherwise', () => {
    expect(checkPageSize(0, 50)).toBe(0);
    expect(checkPageSize(50, 50)).toBe(50);
    for (const first of [51, -1, 2.5]) {
      expect(() => checkPageSize(first, 50)).toThrow(
        expect.objectContaining({
          message: expect.stringContaining('50'),
          extensions: { code: 'BAD_USER_INPUT', argument: 'first', limit: 50 },
        }),
      );
    }
  });
});
