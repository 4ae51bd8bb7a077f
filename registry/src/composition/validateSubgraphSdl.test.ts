import { describe, expect, it } from 'vitest';
import { validateSubgraphSdl } from './validateSubgraphSdl';

describe('validateSubgraphSdl', () => {
  it('accepts a valid Federation 2 subgraph', () => {
    const sdl = /* GraphQL */ `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])
      type Query { user(id: ID!): User }
      type User @key(fields: "id") { id: ID! name: String }
    `;
    expect(validateSubgraphSdl('accounts', sdl)).toEqual({ ok: true });
  });

  it('reports a syntax error with its line and column', () => {
    const sdl = /* GraphQL */ `type Query {
  user(id: ID!): User
  broken(
}`;
    expect(validateSubgraphSdl('accounts', sdl)).toEqual({
      ok: false,
      errors: [expect.objectContaining({ code: 'INVALID_GRAPHQL', line: 4, column: 1, subgraph: 'accounts' })],
    });
  });

  it('reports a @key on a field that does not exist with Apollo code and location', () => {
    const sdl = /* GraphQL */ `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
type Query { user(id: ID!): User }
type User @key(fields: "uuid") { id: ID! }
`;
    const result = validateSubgraphSdl('accounts', sdl);
    expect(result).toEqual({
      ok: false,
      errors: [expect.objectContaining({ code: 'KEY_INVALID_FIELDS', line: 4, subgraph: 'accounts' })],
    });
  });

  it('reports a reference to an unknown type', () => {
    const sdl = /* GraphQL */ `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
type Query { user: Missing }
`;
    const result = validateSubgraphSdl('accounts', sdl);
    expect(result.ok).toBe(false);
    expect(result).toEqual({
      ok: false,
      errors: [expect.objectContaining({ message: expect.stringContaining('Missing') })],
    });
  });
});
