import { describe, expect, it } from 'vitest';
import { findMalformedString } from './malformedStrings';
import { describeInvalidName, isValidName } from './names';

describe('the naming rule', () => {
  it('accepts lower-case letters, digits, "-" and "_" up to 64 characters', () => {
    expect(['shop', 'prod', 'catalog-v2', 'team_a', '3d', 'a'.repeat(64)].filter(isValidName)).toHaveLength(6);
  });

  it('refuses upper case, other characters, a leading "-" or "_", the empty name and 65 characters', () => {
    const refused = ['Shop', 'sh op', 'shop/prod', '-shop', '_shop', '', 'a'.repeat(65), 'shop\u0000', 'café'];
    expect(refused.filter(isValidName)).toEqual([]);
  });

  it('states the rule in the error and quotes the name, cut to 80 characters', () => {
    expect(describeInvalidName('variant', 'Prod')).toBe(
      'The variant name "Prod" is not valid: use lower-case letters, digits, "-" and "_", starting with a letter or digit, at most 64 characters.',
    );
    expect(describeInvalidName('graph', 'x'.repeat(500))).toContain(`"${'x'.repeat(80)}…"`);
  });
});

describe('findMalformedString', () => {
  it('finds NUL bytes and lone surrogates in values and keys, and passes well-formed text', () => {
    expect(findMalformedString({ a: ['ok', { b: 'x\u0000y' }] })).toEqual({ path: 'a[1].b', reason: 'NUL byte' });
    expect(findMalformedString({ name: 'bad \uD800' })).toEqual({ path: 'name', reason: 'lone surrogate' });
    expect(findMalformedString({ name: '\uDC00 trailing' })).toEqual({ path: 'name', reason: 'lone surrogate' });
    expect(findMalformedString({ 'k\u0000': 1 })).toEqual({ path: '(body)', reason: 'NUL byte' });
    expect(findMalformedString({ emoji: '😀 ok', n: 1, t: true, z: null })).toBeUndefined();
  });

  it('walks deeply nested values without overflowing the stack', () => {
    let value: unknown = 'bottom\u0000';
    for (let depth = 0; depth < 100_000; depth++) value = [value];
    expect(findMalformedString(value)?.reason).toBe('NUL byte');
  });
});
