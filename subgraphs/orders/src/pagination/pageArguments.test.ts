import { describe, expect, it } from 'vitest';
import { OrdersError } from '../errors';
import { encodeOrderCursor } from './cursor';
import { readPageArguments } from './pageArguments';

describe('readPageArguments', () => {
  it('defaults first to 20 and decodes the cursor it encoded', () => {
    const position = { placedAt: new Date('2025-03-04T05:06:07.089Z'), id: 'order_000042' };
    expect(readPageArguments({ after: encodeOrderCursor(position) }, 100)).toEqual({ first: 20, after: position });
  });

  it('refuses first outside 1..maxPageSize, naming the limit', () => {
    expect(() => readPageArguments({ first: 51 }, 50)).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', argument: 'first', maxPageSize: 50 } }),
    );
    expect(() => readPageArguments({ first: -1 }, 50)).toThrow(OrdersError);
  });

  it('refuses cursors it did not make, including well-formed base64 of the wrong shape', () => {
    for (const after of [
      '%%%',
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from('["nope","x"]').toString('base64url'),
    ]) {
      expect(() => readPageArguments({ after }, 100)).toThrow(
        expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', argument: 'after' } }),
      );
    }
  });
});
