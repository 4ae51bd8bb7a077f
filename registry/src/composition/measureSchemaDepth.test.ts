import { describe, expect, it } from 'vitest';
import { findSchemaDepthProblem, measureSchemaDepth } from './measureSchemaDepth';

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@requires"])';

describe('measureSchemaDepth', () => {
  it('counts list types, input object values, arguments and field sets in argument strings', () => {
    // Query body 1, arguments 2, [[Int!]!] 4.
    expect(measureSchemaDepth(`${link}\ntype Query { f(a: [[Int!]!]): Int }`, 32)).toBe(4);
    // Arguments 2, default object values 3 and 4.
    expect(measureSchemaDepth(`input I { i: I a: Int }\ntype Query { f(a: I = {i: {a: 1}}): Int }`, 32)).toBe(4);
    // The @requires field set nests two selections inside the directive's arguments, inside the type body.
    expect(
      measureSchemaDepth(
        `${link}\ntype T @key(fields: "id") { id: ID! f: Int @requires(fields: "a { b { c } }") }`,
        32,
      ),
    ).toBe(4);
    // Braces in descriptions and comments are not nesting.
    expect(measureSchemaDepth(`"""{{{{{{"""\ntype Query { "{{{{" f: Int # {{{{\n}`, 32)).toBe(1);
  });

  it('stops counting past the limit, and leaves syntax errors to the parser', () => {
    expect(measureSchemaDepth(`type Query { f: ${'['.repeat(10_000)}String${']'.repeat(10_000)} }`, 32)).toBe(33);
    expect(measureSchemaDepth('type Query { f: [[String] "unterminated', 32)).toBe(3);
  });

  it('names the setting in its refusal', () => {
    expect(findSchemaDepthProblem('orders', 32, 32)).toBeUndefined();
    expect(findSchemaDepthProblem('orders', 33, 32)).toBe(
      'Subgraph "orders" nests more than 32 levels deep (list types and values, input objects, arguments, field sets), over the registry\'s limit of 32 (MAX_SCHEMA_DEPTH).',
    );
  });
});
