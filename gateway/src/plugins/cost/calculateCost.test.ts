import { buildCostModel, calculateCost } from '@switchyard/cost-model';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schemaOf, testSupergraph } from '../testing/fixtures';
import { calculateActualCost } from './calculateActualCost';

const sdl = testSupergraph();
const schema = schemaOf(sdl);
const model = buildCostModel(sdl);
const cost = (query: string, variables?: Record<string, unknown>) =>
  calculateCost({ schema, model, document: parse(query), variables, defaultListSize: 10 });

describe('calculateCost', () => {
  it('charges 1 per object and 0 per scalar, with @cost on fields', () => {
    // product: 1, price: @cost(weight: 5), name: 0
    expect(cost('{ product(id: "1") { name price } }')).toBe(6);
  });

  it('sizes a list from its slicing argument, from a variable, or from the default', () => {
    expect(cost('{ products(first: 3) { name } }')).toBe(3);
    expect(cost('query ($n: Int) { products(first: $n) { price } }', { n: 4 })).toBe(4 * 6);
    expect(cost('{ products { name } }')).toBe(10);
    expect(cost('{ categories { name } }')).toBe(10);
  });

  it('uses @listSize(assumedSize:) when no slicing argument exists', () => {
    // a list of scalars costs its size times 0
    expect(cost('{ tags }')).toBe(0);
    expect(cost('{ tags products(first: 2) { id } }')).toBe(2);
  });

  it('sizes connection edges by the parent slicing argument (sizedFields)', () => {
    // productConnection: 1 + edges: 7 × (edge 1 + node 1 + price 5)
    expect(cost('{ productConnection(first: 7) { edges { node { price } } } }')).toBe(1 + 7 * 7);
  });

  it('charges 10 for a mutation root field', () => {
    expect(cost('mutation { renameProduct(id: "1", name: "x") { id } }')).toBe(10);
  });

  it('charges an input object argument 1', () => {
    expect(cost('{ products(first: 1, filter: { name: "a" }) { id } }')).toBe(2);
  });

  it('honours @skip and @include', () => {
    expect(cost('query ($s: Boolean!) { product(id: "1") { price @skip(if: $s) } }', { s: true })).toBe(1);
    expect(cost('query ($s: Boolean!) { product(id: "1") { price @skip(if: $s) } }', { s: false })).toBe(6);
  });

  it('refuses a list that requires exactly one slicing argument without one', () => {
    expect(() => cost('{ productsStrict { id } }')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'LIST_SIZE_ARGUMENT_REQUIRED' }) }),
    );
    expect(() => cost('{ productsStrict(first: 1, last: 2) { id } }')).toThrow(/exactly one/);
    expect(cost('{ productsStrict(last: 2) { id } }')).toBe(2);
  });

  it('returns undefined when variables do not coerce', () => {
    expect(cost('query ($n: Int!) { products(first: $n) { id } }', {})).toBeUndefined();
  });

  it('reads renamed imports and @join__directive', () => {
    const renamed = /* GraphQL */ `
      schema @link(url: "https://specs.apollo.dev/link/v1.0")
        @link(url: "https://specs.apollo.dev/cost/v0.1", import: [{name: "@cost", as: "@weight"}]) { query: Query }
      directive @weight(weight: Int!) on FIELD_DEFINITION
      directive @join__directive(graphs: [String!], name: String!, args: String) repeatable on FIELD_DEFINITION
      directive @cost__listSize(assumedSize: Int) on FIELD_DEFINITION
      type Query {
        a: Int @weight(weight: 4)
        b: Int @join__directive(graphs: ["X"], name: "cost", args: {weight: 9})
        c: [Int] @cost__listSize(assumedSize: 2) @weight(weight: 3)
        d: [Int] @join__directive(graphs: ["X"], name: "listSize", args: {assumedSize: 5}) @weight(weight: 1)
      }
    `;
    const m = buildCostModel(renamed);
    const s = schemaOf(renamed);
    expect(calculateCost({ schema: s, model: m, document: parse('{ a b c d }'), defaultListSize: 10 })).toBe(
      4 + 9 + 6 + 5,
    );
  });
});

describe('calculateActualCost', () => {
  const actual = (query: string, data: unknown) => calculateActualCost(schema, model, parse(query), undefined, data);

  it('uses the real list lengths and skips nulls', () => {
    const query = '{ products(first: 50) { price supplier { name } } }';
    expect(cost(query)).toBe(50 * 7);
    expect(
      actual(query, {
        products: [
          { price: 1, supplier: null },
          { price: 2, supplier: { name: 's' } },
        ],
      }),
    ).toBe(6 + 7);
  });

  it('deletes the strip key from every object it walks, in lists, fragments and abstract types, at the same cost', () => {
    const query =
      '{ products(first: 5) { price supplier { name k: __typename } k: __typename } search(text: "x") { ... on Product { price k: __typename } } k: __typename }';
    const data = {
      k: 'Query',
      products: [
        { price: 1, supplier: { name: 's', k: 'Supplier' }, k: 'Product' },
        { price: 2, supplier: null, k: 'Product' },
      ],
      search: [{ __typename: 'Product', price: 3, k: 'Product' }],
    };
    const kept = structuredClone(data);
    const document = parse(query);
    const plain = calculateActualCost(schema, model, document, undefined, kept);
    expect(calculateActualCost(schema, model, document, undefined, data, 'k')).toBe(plain);
    expect(JSON.stringify(data)).not.toContain('"k"');
    expect(data.products[0]?.supplier).toEqual({ name: 's' });
    expect(JSON.stringify(kept)).toContain('"k"');
  });

  it('follows aliases and fragments', () => {
    const query = '{ a: product(id: "1") { ...P } b: product(id: "2") { ...P } } fragment P on Product { price }';
    expect(actual(query, { a: { price: 1 }, b: null })).toBe(6);
  });

  it('walks connections', () => {
    const query = '{ productConnection(first: 10) { edges { node { id } } } }';
    expect(actual(query, { productConnection: { edges: [{ node: { id: '1' } }] } })).toBe(1 + 2);
  });

  it('charges each item of an abstract list by its own __typename, however the types alternate', () => {
    const query =
      '{ search(text: "x") { __typename ... on Product { price supplier { name } } ... on Supplier { name } } }';
    const product = (price: number, supplier: { name: string } | null) => ({ __typename: 'Product', price, supplier });
    const supplier = { __typename: 'Supplier', name: 's' };
    // 1 per item, 5 per product's price, 1 per non-null supplier object.
    expect(actual(query, { search: [product(1, { name: 's' }), supplier, product(2, null), supplier] })).toBe(
      4 + 10 + 1,
    );
    expect(actual(query, { search: [supplier, supplier] })).toBe(2);
  });

  it('costs one parsed document again from its own data each time, and follows a new cost model', () => {
    const document = parse(
      'query A { search(text: "x") { ... on Product { price } ... on Supplier { name } } } query B { products(first: 5) { price } }',
    );
    const again = (m: typeof model, operationName: string, data: unknown) =>
      calculateActualCost(schema, m, document, operationName, data);
    expect(again(model, 'A', { search: [{ __typename: 'Product', price: 1 }] })).toBe(1 + 5);
    expect(
      again(model, 'A', {
        search: [
          { __typename: 'Supplier', name: 's' },
          { __typename: 'Supplier', name: 't' },
        ],
      }),
    ).toBe(2);
    expect(again(model, 'B', { products: [{ price: 1 }, { price: 2 }] })).toBe(2 * 6);
    const heavier = { ...model, fieldWeights: new Map([...model.fieldWeights, ['Product.price', 7]]) };
    expect(again(heavier, 'B', { products: [{ price: 1 }, { price: 2 }] })).toBe(2 * 8);
    expect(again(model, 'B', { products: [{ price: 1 }] })).toBe(6);
  });

  it('charges only the fields an item carries when items of one list differ', () => {
    const query = 'query ($s: Boolean!) { products(first: 3) { price @skip(if: $s) supplier { name } } }';
    const data = { products: [{ price: 1, supplier: { name: 'a' } }, { supplier: null }, { price: 3 }] };
    expect(actual(query, data)).toBe(3 + 5 + 1 + 5);
  });
});
