import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../composition/composeSupergraph';
import { findFieldOwners, findOwnershipMoves } from './findFieldOwners';

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@override"])';

function compose(a: string, b: string): string {
  const result = composeSupergraph([
    { name: 'a', url: 'http://a.test/graphql', sdl: `${link}\n${a}` },
    { name: 'b', url: 'http://b.test/graphql', sdl: `${link}\n${b}` },
  ]);
  if (!result.ok) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.supergraphSdl;
}

// A plain third-party-style graph: an entity shared by key, no cost or auth directives.
const aBefore = /* GraphQL */ 'type Query { items: [Item!]! }\ntype Item @key(fields: "id") { id: ID! }';
const bBefore = /* GraphQL */ 'type Item @key(fields: "id") { id: ID! bSecret: String }';
const before = compose(aBefore, bBefore);
const all = new Set(['a', 'b']);

describe('findOwnershipMoves', () => {
  it('reads which subgraph resolves each field', () => {
    expect(findFieldOwners(before).owners.get('Item.bSecret')).toEqual(new Set(['b']));
    expect(findFieldOwners(before).owners.get('Query.items')).toEqual(new Set(['a']));
  });

  it('finds a field taken with @override(from:)', () => {
    const after = compose(
      'type Query { items: [Item!]! }\ntype Item @key(fields: "id") { id: ID! bSecret: String @override(from: "b") }',
      bBefore,
    );
    expect(findOwnershipMoves(before, after, all)).toEqual([{ coordinate: 'Item.bSecret', from: 'b', to: 'a' }]);
  });

  it('finds a progressive override, which leaves the old owner resolving part of the traffic', () => {
    const after = compose(
      'type Query { items: [Item!]! }\ntype Item @key(fields: "id") { id: ID! bSecret: String @override(from: "b", label: "percent(1)") }',
      bBefore,
    );
    expect(findOwnershipMoves(before, after, all)).toEqual([{ coordinate: 'Item.bSecret', from: 'b', to: 'a' }]);
  });

  it('finds no move when a subgraph only adds fields of its own', () => {
    const after = compose(
      'type Query { items: [Item!]! }\ntype Item @key(fields: "id") { id: ID! aName: String }',
      bBefore,
    );
    expect(findOwnershipMoves(before, after, all)).toEqual([]);
  });
});
