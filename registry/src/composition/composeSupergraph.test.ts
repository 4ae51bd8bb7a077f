import { describe, expect, it } from 'vitest';
import { composeSupergraph } from './composeSupergraph';

const link =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@inaccessible"])';

const accounts = {
  name: 'accounts',
  url: 'http://accounts/graphql',
  sdl: /* GraphQL */ `${link}
    type Query { me: User }
    type User @key(fields: "id") { id: ID! name: String secret: String @inaccessible }
  `,
};
const orders = {
  name: 'orders',
  url: 'http://orders/graphql',
  sdl: /* GraphQL */ `${link}
    type Query { orders: [Order!]! }
    type Order { id: ID! buyer: User! }
    type User @key(fields: "id") { id: ID! orders: [Order!]! }
  `,
};

describe('composeSupergraph', () => {
  it('composes subgraphs into a supergraph and an API schema without federation internals', () => {
    const result = composeSupergraph([accounts, orders]);
    expect(result.ok).toBe(true);
    if (!result.ok) throw new Error('expected composition to succeed');
    expect(result.supergraphSdl).toContain('@join__graph(name: "orders", url: "http://orders/graphql")');
    expect(result.apiSchemaSdl).toContain('orders: [Order!]!');
    expect(result.apiSchemaSdl).not.toContain('join__');
    expect(result.apiSchemaSdl).not.toContain('secret');
  });

  it('reports conflicting field types with the code and the subgraph', () => {
    const conflicting = {
      name: 'profiles',
      url: 'http://profiles/graphql',
      sdl: /* GraphQL */ `${link}
        type User @key(fields: "id") { id: ID! name: Int @shareable }
      `,
    };
    const shareableAccounts = { ...accounts, sdl: accounts.sdl.replace('name: String', 'name: String @shareable') };
    const result = composeSupergraph([shareableAccounts, conflicting]);
    expect(result).toEqual({
      ok: false,
      errors: [expect.objectContaining({ code: 'FIELD_TYPE_MISMATCH', message: expect.stringContaining('User.name') })],
    });
  });

  it('names the subgraph of a field defined twice without @shareable', () => {
    const duplicate = {
      name: 'profiles',
      url: 'http://profiles/graphql',
      sdl: `${link}\n type User @key(fields: "id") { id: ID! name: String }`,
    };
    const result = composeSupergraph([accounts, duplicate]);
    expect(result).toEqual({
      ok: false,
      errors: [expect.objectContaining({ code: 'INVALID_FIELD_SHARING', subgraph: 'accounts', line: 3 })],
    });
  });

  it('reports SDL that does not parse as INVALID_GRAPHQL for that subgraph', () => {
    const result = composeSupergraph([accounts, { ...orders, sdl: 'type Query {' }]);
    expect(result).toEqual({
      ok: false,
      errors: [expect.objectContaining({ code: 'INVALID_GRAPHQL', subgraph: 'orders', line: 1 })],
    });
  });

  it('returns composition hints as warnings', () => {
    const nullable = {
      name: 'profiles',
      url: 'http://profiles/graphql',
      sdl: `${link}\n type User @key(fields: "id") { id: ID! name: String! @shareable }`,
    };
    const shareableAccounts = { ...accounts, sdl: accounts.sdl.replace('name: String', 'name: String @shareable') };
    const result = composeSupergraph([shareableAccounts, nullable]);
    expect(result).toEqual(
      expect.objectContaining({
        ok: true,
        hints: [expect.objectContaining({ code: 'INCONSISTENT_BUT_COMPATIBLE_FIELD_TYPE' })],
      }),
    );
  });
});
