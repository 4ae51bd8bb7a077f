import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { printSchema } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { mergeSupergraph, type SubgraphInput } from './composeSupergraph';
import { BUILT_SUBGRAPH_HEAP_PER_SDL_BYTE, createSubgraphBuilder } from './createSubgraphBuilder';
import { createValidatedExtractions, type ValidatedExtractions } from './validateSatisfiabilityRemembering';

/** The demo's four subgraphs, as a third party would publish them. */
const demo: SubgraphInput[] = ['accounts', 'catalog', 'orders', 'suppliers'].map((name) => ({
  name,
  url: `http://${name}.test/graphql`,
  sdl: readFileSync(new URL(`../../../schemas/${name}.graphql`, import.meta.url), 'utf8'),
}));

const link =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@override"])';
/** A plain third-party graph: users in one subgraph, reviews of them in another. */
const users = {
  name: 'users',
  url: 'http://users.test/graphql',
  sdl: `${link}\ntype Query { me: User }\ntype User @key(fields: "id") { id: ID! name: String @shareable }`,
};
const reviews = {
  name: 'reviews',
  url: 'http://reviews.test/graphql',
  sdl: `${link}\ntype Review { body: String! }\ntype User @key(fields: "id") { id: ID! reviews: [Review!]! }`,
};

/** What Apollo's own `composeServices` composes from freshly parsed SDL. */
function composeFromScratch(subgraphs: SubgraphInput[]) {
  const result = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  return result.errors ? { errors: result.errors.map((error) => error.message) } : result.supergraphSdl;
}

/** Composed as a worker composes: with kept subgraphs, remembering which extracted subgraphs validated. */
function composedWith(
  subgraphs: SubgraphInput[],
  builder: ReturnType<typeof createSubgraphBuilder>,
  validated: ValidatedExtractions,
) {
  const merged = mergeSupergraph(subgraphs, builder, validated);
  const result = merged.ok ? merged.validateSatisfiability() : merged;
  return result.ok ? result.supergraphSdl : { errors: result.errors.map((error) => error.message) };
}

describe('createSubgraphBuilder', () => {
  it('hands back the subgraph it built for the same name, URL and SDL, and builds anew when one of them changes', () => {
    const builder = createSubgraphBuilder(64 * 1024 * 1024);
    const built = (subgraph: SubgraphInput) => {
      const result = builder.build(subgraph);
      if (!result.ok) throw new Error(`${subgraph.name} did not build`);
      return result.subgraph;
    };
    const first = built(users);
    // Identity, compared as a boolean: a failing comparison of two built schemas would print both.
    expect(built({ ...users }) === first).toBe(true);
    for (const changed of [
      { ...users, sdl: `${users.sdl}\nextend type Query { other: Int }` },
      { ...users, url: 'http://users-v2.test/graphql' },
      { ...users, name: 'people' },
    ]) {
      expect(built(changed) === first, JSON.stringify(changed)).toBe(false);
    }
  });

  it('composes what composeServices composes from scratch, publish after publish, failures in between included', () => {
    const builder = createSubgraphBuilder(64 * 1024 * 1024);
    const printed = () =>
      demo.map((subgraph) => {
        const built = builder.build(subgraph);
        return built.ok ? printSchema(built.subgraph.schema) : built;
      });
    const before = printed();
    const orders = demo[2];
    if (orders?.name !== 'orders') throw new Error('the demo lists orders third');
    // A field added, then a subgraph that does not compose (a field of another subgraph's type with the wrong
    // type), then the demo again: every composition sees the kept subgraphs as fresh ones.
    const sequence: SubgraphInput[][] = [
      demo,
      demo.map((subgraph) =>
        subgraph === orders ? { ...orders, sdl: `${orders.sdl}\nextend type Query { ordersVersion: Int }` } : subgraph,
      ),
      [
        ...demo,
        {
          name: 'broken',
          url: 'http://broken.test/graphql',
          sdl: `${link}\ntype Clinic @key(fields: "id") { id: Int! }`,
        },
      ],
      demo,
    ];
    const validated = createValidatedExtractions();
    for (const subgraphs of sequence) {
      expect(composedWith(subgraphs, builder, validated)).toEqual(composeFromScratch(subgraphs));
    }
    expect(composeFromScratch(sequence[2] ?? [])).toMatchObject({ errors: expect.any(Array) });
    // Composing never changed a kept subgraph.
    expect(printed()).toEqual(before);
  });

  it('reports SDL that does not parse or build, and keeps nothing when the budget is 0 or too small', () => {
    const builder = createSubgraphBuilder(64 * 1024 * 1024);
    expect(builder.build({ ...users, sdl: 'type Query {' })).toMatchObject({
      ok: false,
      syntaxError: expect.anything(),
    });
    expect(
      builder.build({ ...users, sdl: `${link}\ntype Query { me: User @unknown }\ntype User { id: ID! }` }),
    ).toMatchObject({
      ok: false,
      errors: [expect.objectContaining({ message: expect.stringContaining('@unknown') })],
    });
    for (const budget of [0, Buffer.byteLength(reviews.sdl) * BUILT_SUBGRAPH_HEAP_PER_SDL_BYTE - 1]) {
      const small = createSubgraphBuilder(budget);
      const first = small.build(reviews);
      const second = small.build(reviews);
      expect(first.ok && second.ok && first.subgraph !== second.subgraph).toBe(true);
    }
  });
});
