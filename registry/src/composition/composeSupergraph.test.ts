import { composeServices } from '@apollo/composition';
import { printSchema } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { composeSupergraph, mergeSupergraph } from './composeSupergraph';
import { createSubgraphBuilder } from './createSubgraphBuilder';
import { createValidatedExtractions } from './validateSatisfiabilityRemembering';

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

/** A plain third-party graph (no @cost, @listSize or auth directives): a shop's products, reviews and stock. */
const shopLink =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])';
const shop = [
  {
    name: 'products',
    url: 'http://products.shop.test/graphql',
    sdl: /* GraphQL */ `${shopLink}
      type Query { product(upc: ID!): Product, products(first: Int = 5): [Product!]!, search(text: String!): [Result!]! }
      interface Node { id: ID! }
      type Product implements Node @key(fields: "upc") { id: ID! upc: ID! name: String! price: Money! weight: Int internalCode: String @inaccessible }
      type Category implements Node @key(fields: "id") { id: ID! title: String! }
      union Result = Product | Category
      type Money @shareable { amount: Int! currency: Currency! }
      enum Currency { EUR USD }
    `,
  },
  {
    name: 'reviews',
    url: 'http://reviews.shop.test/graphql',
    sdl: /* GraphQL */ `${shopLink}
      type Review { id: ID! body: String! rating: Int author: User @provides(fields: "name") }
      type User @key(fields: "id") { id: ID! name: String @external }
      type Product @key(fields: "upc") { upc: ID! reviews(first: Int): [Review!]! averageRating: Float }
      type Money @shareable { amount: Int! currency: Currency }
      enum Currency { EUR USD }
    `,
  },
  {
    name: 'inventory',
    url: 'http://inventory.shop.test/graphql',
    sdl: /* GraphQL */ `${shopLink}
      type Product @key(fields: "upc") { upc: ID! weight: Int @external inStock: Boolean! shippingEstimate: Int @requires(fields: "weight") }
    `,
  },
  {
    name: 'users',
    url: 'http://users.shop.test/graphql',
    sdl: /* GraphQL */ `${shopLink}
      type Query { me: User }
      type User @key(fields: "id") { id: ID! name: String @shareable }
    `,
  },
];

describe('composeSupergraph on a plain graph', () => {
  it('prints the supergraph byte for byte as composeServices does, with its hints, from cached subgraphs too', () => {
    const builder = createSubgraphBuilder(16 * 1024 * 1024);
    const validated = createValidatedExtractions();
    const products = shop[0];
    if (products?.name !== 'products') throw new Error('the shop lists products first');
    const changed = shop.map((subgraph) =>
      subgraph === products
        ? { ...products, sdl: `${products.sdl}\nextend type Query { featured: Product }` }
        : subgraph,
    );
    const rounds: [string, typeof shop, () => ReturnType<typeof composeSupergraph>][] = [
      ['built', shop, () => composeSupergraph(shop, builder)],
      ['cached', shop, () => composeSupergraph(shop, builder)],
      ['extractions validated', shop, () => validatedWith(shop)],
      ['extractions remembered', shop, () => validatedWith(shop)],
      ['one subgraph changed', changed, () => validatedWith(changed)],
    ];
    function validatedWith(subgraphs: typeof shop) {
      const merged = mergeSupergraph(subgraphs, builder, validated);
      return merged.ok ? merged.validateSatisfiability() : merged;
    }
    for (const [round, subgraphs, compose] of rounds) {
      const expected = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
      if (expected.errors) throw new Error(expected.errors.map((error) => error.message).join('\n'));
      const result = compose();
      if (!result.ok) throw new Error(`${round}: ${result.errors.map((error) => error.message).join('\n')}`);
      expect(result.supergraphSdl === expected.supergraphSdl, round).toBe(true);
      expect(result.apiSchemaSdl, round).toBe(printSchema(expected.schema.toAPISchema()));
      expect(result.hints.map((hint) => hint.message)).toEqual(expected.hints.map((hint) => hint.message));
      expect(expected.hints.map((hint) => hint.definition.code)).toContain('INCONSISTENT_BUT_COMPATIBLE_FIELD_TYPE');
    }
    // The four shop subgraphs as extracted, and products once more after it changed.
    expect(validated.size).toBe(5);
  });

  it('merges first and validates satisfiability second, failing with the errors composeServices reports', () => {
    // Score.details resolves only in one subgraph, so `topScore { details }` cannot be planned from the other.
    const score = (name: string, query: string, fields: string) => ({
      name,
      url: `http://${name}.shop.test/graphql`,
      sdl: `${shopLink}\ntype Query { ${query}: Score }\ntype Score @shareable { value: Int ${fields} }`,
    });
    const unsatisfiable = [
      ...shop,
      score('ratings', 'topScore', ''),
      score('rankings', 'bestScore', 'details: String'),
    ];
    const expected = composeServices(unsatisfiable.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
    expect(expected.errors?.map((error) => error.extensions.code)).toContain('SATISFIABILITY_ERROR');
    for (const validated of [undefined, createValidatedExtractions()]) {
      const merged = mergeSupergraph(unsatisfiable, undefined, validated);
      if (!merged.ok) throw new Error(merged.errors.map((error) => error.message).join('\n'));
      expect(merged.validateSatisfiability()).toEqual({
        ok: false,
        errors: (expected.errors ?? []).map((error) =>
          expect.objectContaining({ code: 'SATISFIABILITY_ERROR', message: error.message }),
        ),
      });
    }
  });
});
