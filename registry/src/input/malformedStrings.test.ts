import { describe, expect, it } from 'vitest';
import { findMalformedStringInJson } from './malformedStrings';

const check = (json: string) => findMalformedStringInJson(json, JSON.parse(json));

describe('findMalformedStringInJson', () => {
  it('finds NUL bytes and lone surrogates however they are escaped, in values and keys', () => {
    expect(check('{"a":["ok","x\\u0000y"]}')).toEqual({ path: 'a[1]', reason: 'NUL byte' });
    expect(check('{"a":{"b":"\\uD800"}}')).toEqual({ path: 'a.b', reason: 'lone surrogate' });
    expect(check('{"a":{"b":"\\udfff"}}')).toEqual({ path: 'a.b', reason: 'lone surrogate' });
    expect(check('{"\\u0000":1}')).toEqual({ path: '(body)', reason: 'NUL byte' });
  });

  it('passes text whose escapes are harmless: pairs, other characters, an escaped backslash before u0000', () => {
    expect(check('{"a":"\\uD83D\\uDE00","b":"\\u00e9","c":"\\\\u0000","d":"😀 é"}')).toBeUndefined();
  });
});
