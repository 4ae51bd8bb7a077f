import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { collectCoordinates, collectVariableCoordinates } from './collectCoordinates';
import { usageSupergraph } from './testing/usageFixtures';

const { apiSchema } = usageSupergraph();

describe('collectCoordinates', () => {
  it('collects fields, arguments, input fields and enum values from literals, through fragments', () => {
    const document = parse(/* GraphQL */ `
      query Shop {
        products(first: 2, filter: { color: GREEN, price: { min: 1 }, colors: [RED, BLUE] }) { ...P }
        __typename
        __schema { types { name } }
      }
      fragment P on Product { id name reviews(minStars: 4) @include(if: true) { stars } }
    `);
    expect(collectCoordinates(apiSchema, document)).toEqual({
      coordinates: [
        'Color.BLUE',
        'Color.GREEN',
        'Color.RED',
        'PriceRange.min',
        'Product.id',
        'Product.name',
        'Product.reviews',
        'Product.reviews(minStars:)',
        'ProductFilter.color',
        'ProductFilter.colors',
        'ProductFilter.price',
        'Query.products',
        'Query.products(filter:)',
        'Query.products(first:)',
        'Review.stars',
      ],
      variables: [],
    });
  });

  it('counts a field selected through an interface for every type that can return it, and union members by fragment', () => {
    const schema = buildSchema(/* GraphQL */ `
      interface Node { id: ID! label(lang: String): String }
      type Book implements Node { id: ID! label(lang: String): String pages: Int }
      type Film implements Node { id: ID! label(lang: String): String minutes: Int }
      type Song { id: ID! }
      union Item = Book | Song
      type Query { nodes: [Node!]! items: [Item!]! }
    `);
    const document = parse('{ nodes { id label(lang: "de") ... on Film { minutes } } items { ... on Song { id } } }');
    expect(collectCoordinates(schema, document).coordinates).toEqual([
      'Book.id',
      'Book.label',
      'Book.label(lang:)',
      'Film.id',
      'Film.label',
      'Film.label(lang:)',
      'Film.minutes',
      'Node.id',
      'Node.label',
      'Node.label(lang:)',
      'Query.items',
      'Query.nodes',
      'Song.id',
    ]);
  });

  it('collects enum values and input fields that variable values and defaults name', () => {
    const document = parse(/* GraphQL */ `
      query Shop($filter: ProductFilter = { name: "x" }, $first: Int) { products(filter: $filter, first: $first) { id } }
    `);
    const { coordinates, variables } = collectCoordinates(apiSchema, document);
    expect(coordinates).toEqual([
      'Product.id',
      'ProductFilter.name',
      'Query.products',
      'Query.products(filter:)',
      'Query.products(first:)',
    ]);
    expect(variables.map((variable) => variable.name)).toEqual(['filter']);
    const fromValues = collectVariableCoordinates(variables, {
      filter: { color: 'BLUE', colors: ['RED', 'RED', 'NOT_A_COLOR'], price: { max: 3 }, unknown: 1 },
      first: 3,
    });
    expect([...fromValues].sort()).toEqual([
      'Color.BLUE',
      'Color.RED',
      'PriceRange.max',
      'ProductFilter.color',
      'ProductFilter.colors',
      'ProductFilter.price',
    ]);
    expect(collectVariableCoordinates(variables, undefined).size).toBe(0);
  });

  it('bounds the work a huge variables object costs', () => {
    const { variables } = collectCoordinates(apiSchema, parse('query($f: [ProductFilter!]) { products { id } }'));
    const values = { f: Array.from({ length: 100_000 }, () => ({ color: 'RED', name: 'n' })) };
    expect(collectVariableCoordinates(variables, values, 10).size).toBeLessThanOrEqual(10);
  });
});
