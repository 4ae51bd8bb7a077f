import type { SubgraphDefinition } from './harness';

/** Products: the root list, a slow field, a mutation, and a resolver that fails with an internal message. */
export const PRODUCTS_V1 = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query {
    products: [Product!]!
    product(id: ID!): Product
    leaky: String
  }
  type Mutation {
    touch(id: ID!): Boolean
  }
  type Product @key(fields: "id") {
    id: ID!
    name: String!
  }
`;

/** Products v2 adds `Product.price`: a compatible change, for reload tests. */
export const PRODUCTS_V2 = PRODUCTS_V1.replace('name: String!', 'name: String!\n    price: Float');

const products = [
  { id: 'p1', name: 'Scalpel', price: 12.5 },
  { id: 'p2', name: 'Gauze', price: 3 },
  { id: 'p3', name: 'Syringe', price: 1.25 },
];

export const productsSubgraph = (typeDefs = PRODUCTS_V1): SubgraphDefinition => ({
  name: 'products',
  typeDefs,
  resolvers: {
    Query: {
      products: () => products,
      product: (_: unknown, { id }: { id: string }) => products.find((product) => product.id === id) ?? null,
      leaky: () => {
        throw new Error('connect ECONNREFUSED postgres://root:hunter2@10.0.0.5/prod');
      },
    },
    Mutation: { touch: () => true },
    Product: {
      __resolveReference: ({ id }: { id: string }) => products.find((product) => product.id === id) ?? null,
    },
  },
});

/** Reviews: six reviews over two products, so entity fetches to products carry duplicate representations. */
export const REVIEWS = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query {
    reviews: [Review!]!
  }
  type Review {
    id: ID!
    body: String!
    product: Product!
  }
  type Product @key(fields: "id") {
    id: ID!
    reviewCount: Int
  }
`;

const reviews = [
  { id: 'r1', body: 'sharp', productId: 'p1' },
  { id: 'r2', body: 'very sharp', productId: 'p1' },
  { id: 'r3', body: 'soft', productId: 'p2' },
  { id: 'r4', body: 'too sharp', productId: 'p1' },
  { id: 'r5', body: 'absorbent', productId: 'p2' },
  { id: 'r6', body: 'fine', productId: 'p1' },
];

export const reviewsSubgraph = (): SubgraphDefinition => ({
  name: 'reviews',
  typeDefs: REVIEWS,
  resolvers: {
    Query: { reviews: () => reviews },
    Review: { product: (review: { productId: string }) => ({ __typename: 'Product', id: review.productId }) },
    Product: {
      __resolveReference: ({ id }: { id: string }) => ({ id }),
      reviewCount: ({ id }: { id: string }) => reviews.filter((review) => review.productId === id).length,
    },
  },
});
