import { describe, expect, it } from 'vitest';
import { buildSubgraphOwnership, findSubgraphs } from './subgraphOwnership';
import { usageSupergraph } from './testing/usageFixtures';

const ownership = buildSubgraphOwnership(usageSupergraph().sdl);

describe('buildSubgraphOwnership', () => {
  it('reads which subgraphs resolve each field from the join directives', () => {
    expect(ownership.get('Query.products')).toEqual(['products']);
    expect(ownership.get('Query.topReviews')).toEqual(['reviews']);
    expect(ownership.get('Product.reviews')).toEqual(['reviews']);
    expect(ownership.get('Product.name')).toEqual(['products']);
    expect(ownership.get('Product.id')).toEqual(['products', 'reviews']);
    expect(ownership.get('Review.product')).toEqual(['reviews']);
  });
});

describe('findSubgraphs', () => {
  it('needs every sole owner, and a shared field adds a subgraph only when none of its owners is needed yet', () => {
    expect(findSubgraphs(ownership, ['Query.products', 'Product.id', 'Product.name'])).toEqual(['products']);
    expect(findSubgraphs(ownership, ['Query.topReviews', 'Review.product', 'Product.id'])).toEqual(['reviews']);
    expect(findSubgraphs(ownership, ['Query.products', 'Product.reviews', 'Review.stars'])).toEqual([
      'products',
      'reviews',
    ]);
    expect(findSubgraphs(ownership, ['Color.RED', 'Query.products(first:)'])).toEqual([]);
  });
});
