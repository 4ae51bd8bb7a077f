import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { measureOperation } from './measureOperation';

describe('measureOperation', () => {
  it('measures depth through fragments', () => {
    const shape = measureOperation(parse('{ a { ...F } } fragment F on T { b { c { d } } }'));
    expect(shape.depth).toBe(4);
  });

  it('counts aliases once per spread', () => {
    const shape = measureOperation(parse('{ x: a { ...F } y: a { ...F } } fragment F on T { p: b q: b }'));
    expect(shape.aliases).toBe(2 + 2 * 2);
  });

  it('counts distinct root response keys, fragments included', () => {
    const shape = measureOperation(parse('{ a a b ... on Query { c } ...R } fragment R on Query { d a }'));
    expect(shape.rootFields).toBe(4);
  });

  it('measures the selected operation only', () => {
    const document = parse('query A { a { b } } query B { a }');
    expect(measureOperation(document, 'B').depth).toBe(1);
    expect(measureOperation(document, 'A').depth).toBe(2);
  });
});
