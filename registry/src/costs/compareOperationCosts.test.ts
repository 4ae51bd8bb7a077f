import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../composition/composeSupergraph';
import { defaultCheckCost } from './checkCostSettings';
import { CostSource, compareOperationCosts, type OperationToPrice } from './compareOperationCosts';
import { createOperationPricer, type PricedSupergraph } from './createOperationPricer';

const costLink =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@cost", "@listSize"])';

function supergraphOf(sdl: string): PricedSupergraph {
  const composed = composeSupergraph([{ name: 'products', url: 'http://products.test/graphql', sdl }]);
  if (!composed.ok) throw new Error(composed.errors.map((error) => error.message).join('; '));
  return { apiSdl: composed.apiSchemaSdl, supergraphSdl: composed.supergraphSdl };
}

/** A products subgraph whose `products` list is sized by `first`; `reviews` carries `reviewsDirectives`. */
const annotated = (reviewsDirectives = '', reviewDirectives = '') =>
  supergraphOf(/* GraphQL */ `
${costLink}
type Query { products(first: Int): [Product!]! @listSize(slicingArguments: ["first"], requireOneSlicingArgument: false) }
type Product @key(fields: "id") { id: ID! reviews: [Review!]! ${reviewsDirectives} }
type Review ${reviewDirectives} { id: ID! }
`);

const persisted = (document: string, id = 'top'): OperationToPrice => ({
  source: CostSource.PERSISTED,
  id,
  operationName: document.match(/query (\w+)/)?.[1] ?? null,
  document,
  literalsHidden: false,
  clients: ['web 1.0'],
});

const compare = (operations: OperationToPrice[], before: PricedSupergraph, after: PricedSupergraph) =>
  compareOperationCosts(
    operations,
    createOperationPricer(before, defaultCheckCost.defaultListSize),
    createOperationPricer(after, defaultCheckCost.defaultListSize),
    defaultCheckCost,
  );

const top = persisted('query Top { products(first: 10) { id reviews { id } } }');

describe('compareOperationCosts', () => {
  it('reports a rise over the threshold as dangerous, naming operation, clients, old and new cost', () => {
    // 10 × (1 + 5 reviews at the default list size) = 60; with @listSize(assumedSize: 20): 10 × (1 + 20) = 210.
    expect(compare([top], annotated(), annotated('@listSize(assumedSize: 20)'))).toEqual([
      expect.objectContaining({
        criticality: 'DANGEROUS',
        source: 'PERSISTED',
        operation: 'Top',
        clients: ['web 1.0'],
        before: 60,
        after: 210,
        increasePercent: 250,
        message: expect.stringContaining('Top would cost 210 instead of 60 (+250%'),
      }),
    ]);
  });

  it("reports an operation the candidate prices over the gateway's limit as breaking", () => {
    // @cost(weight: 100) on Review: 10 × (1 + 5 × 100) = 5010, over the default limit of 1000.
    expect(compare([top], annotated(), annotated('', '@cost(weight: 100)'))).toEqual([
      expect.objectContaining({ criticality: 'BREAKING', before: 60, after: 5010, limit: 1000 }),
    ]);
  });

  it('leaves out rises up to the threshold, falls, and operations the candidate cannot price', () => {
    // 10 × (1 + 7) = 80 is +33%.
    expect(compare([top], annotated(), annotated('@listSize(assumedSize: 7)'))).toEqual([]);
    expect(compare([top], annotated('@listSize(assumedSize: 20)'), annotated())).toEqual([]);
    const gone = persisted('query Gone { products(first: 1) { missing } }', 'gone');
    expect(compare([gone], annotated(), annotated('', '@cost(weight: 100)'))).toEqual([]);
  });

  it("prices a plain graph's unannotated lists with the gateway's defaults", () => {
    const plain = (review: string) =>
      supergraphOf(/* GraphQL */ `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
type Query { products(first: Int): [Product!]! }
type Product @key(fields: "id") { id: ID! review: ${review} }
type Review { id: ID! }
`);
    // Literals hidden by usage normalization (`first: 0`) are unknown counts, sized as the default list: 5.
    const seen: OperationToPrice = {
      source: CostSource.USAGE,
      id: 'signature-of-reviews',
      operationName: 'Reviews',
      document: 'query Reviews { products(first: 0) { id review { id } } }',
      literalsHidden: true,
      clients: ['ios 2.0', 'web 1.0'],
    };
    // 5 × (1 + 1) = 10, then each review a default-sized list: 5 × (1 + 5) = 30.
    expect(compare([seen], plain('Review'), plain('[Review!]'))).toEqual([
      expect.objectContaining({
        criticality: 'DANGEROUS',
        source: 'USAGE',
        before: 10,
        after: 30,
        increasePercent: 200,
      }),
    ]);
  });

  it('prices a variable without a default as an unknown count, so a required one still prices', () => {
    const byVariable = persisted('query Top($n: Int!) { products(first: $n) { id reviews { id } } }');
    // $n priced at the default list size: 5 × (1 + 5) = 30, then 5 × (1 + 5 × 100) = 2505.
    expect(compare([byVariable], annotated(), annotated('', '@cost(weight: 100)'))).toEqual([
      expect.objectContaining({ criticality: 'BREAKING', before: 30, after: 2505 }),
    ]);
  });
});
