import { describe, expect, it } from 'vitest';
import { errorCodesOf } from './errorCodes';

describe('errorCodesOf', () => {
  it('lists each distinct extensions.code once, UNKNOWN without one, and makes odd codes contract codes', () => {
    expect(
      errorCodesOf([
        { message: 'a', extensions: { code: 'SUBGRAPH_TIMEOUT' } },
        { message: 'b', extensions: { code: 'SUBGRAPH_TIMEOUT' } },
        { message: 'c' },
        { message: 'd', extensions: { code: 42 } },
        { message: 'e', extensions: { code: 'not found!' } },
        { message: 'f', extensions: { code: 'X'.repeat(300) } },
      ]),
    ).toEqual(['SUBGRAPH_TIMEOUT', 'UNKNOWN', 'not_found_', 'X'.repeat(100)]);
    expect(errorCodesOf(undefined)).toEqual([]);
  });
});
