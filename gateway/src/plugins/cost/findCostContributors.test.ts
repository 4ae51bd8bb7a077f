import { buildCostModel } from '@switchyard/cost-model';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schemaOf, testSupergraph } from '../testing/fixtures';
import { findCostContributors } from './findCostContributors';

const sdl = testSupergraph();
const schema = schemaOf(sdl);
const model = buildCostModel(sdl);
const top = (query: string, variables?: Record<string, unknown>) =>
  findCostContributors({ schema, model, document: parse(query), variables, defaultListSize: 10 });

describe('findCostContributors', () => {
  it('ranks coordinates by weight times the number of times they resolve, summed over fragments', () => {
    const query = `query ($n: Int) {
      products(first: $n) { ...P supplier { name } }
      product(id: "1") { ...P }
    }
    fragment P on Product { price }`;
    expect(top(query, { n: 40 })).toEqual([
      // 40 × 5 in the list, 1 × 5 on the single product
      { coordinate: 'Product.price', cost: 205 },
      { coordinate: 'Product.supplier', cost: 40 },
      { coordinate: 'Query.products', cost: 40 },
    ]);
  });

  it('leaves out skipped fields and introspection', () => {
    const query =
      'query ($s: Boolean!) { __schema { types { name } } products(first: 3) { price @skip(if: $s) supplier { name } } }';
    expect(top(query, { s: true })).toEqual([
      { coordinate: 'Product.supplier', cost: 3 },
      { coordinate: 'Query.products', cost: 3 },
    ]);
  });
});
