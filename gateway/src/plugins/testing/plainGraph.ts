import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { composeSupergraph } from './fixtures';
import { type RecordingSubgraph, startSubgraph } from './policyStack';

/**
 * A third-party-style Federation 2 graph with no `@cost`, `@listSize` or auth directives: stores → departments →
 * products → reviews → comments, each level a plain list of about ten fields, a Relay connection, an offset list
 * (`limit`), a self-referencing `Department.parent` (for depth bombs), and `Person` entities from a second subgraph.
 */
export const storesSdl = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  type Query {
    stores(first: Int): [Store!]!
    store(id: ID!): Store
    storeConnection(first: Int, after: String): StoreConnection!
    articles(limit: Int): [Article!]!
    department(id: ID!): Department
  }

  type Store @key(fields: "id") {
    id: ID!
    name: String!
    city: String!
    country: String!
    phone: String
    email: String
    opened: String
    rating: Float
    open: Boolean!
    manager: Person
    departments: [Department!]!
  }

  type Department {
    id: ID!
    name: String!
    code: String!
    floor: Int
    aisle: String
    description: String
    size: Int
    open: Boolean!
    head: Person
    parent: Department
    products: [Product!]!
  }

  type Product {
    id: ID!
    name: String!
    sku: String!
    price: Float
    currency: String
    color: String
    weight: Float
    inStock: Boolean!
    description: String
    reviews: [Review!]!
  }

  type Review {
    id: ID!
    title: String
    body: String
    stars: Int!
    helpful: Int
    verified: Boolean!
    createdAt: String
    language: String
    product: String
    comments: [Comment!]!
  }

  type Comment {
    id: ID!
    text: String!
    createdAt: String
    likes: Int
    author: Person
  }

  type StoreConnection {
    edges: [StoreEdge!]!
    pageInfo: PageInfo!
  }
  type StoreEdge {
    cursor: String!
    node: Store!
  }
  type PageInfo {
    hasNextPage: Boolean!
    endCursor: String
  }

  type Article {
    id: ID!
    title: String!
  }

  type Person @key(fields: "id", resolvable: false) {
    id: ID!
  }
`;

export const peopleSdl = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  type Query {
    people: [Person!]!
  }

  type Person @key(fields: "id") {
    id: ID!
    name: String!
    email: String
  }
`;

const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i + 1));
const comment = (i: number) => ({ id: `c${i}`, text: 'Nice', createdAt: '2026-01-01', likes: i, author: { id: 'p1' } });
const review = (i: number) => ({
  id: `r${i}`,
  title: 'Good',
  body: 'Works',
  stars: 4,
  helpful: 1,
  verified: true,
  createdAt: '2026-01-01',
  language: 'en',
  product: 'x',
  comments: times(2, comment),
});
const product = (i: number) => ({
  id: `pr${i}`,
  name: `Product ${i}`,
  sku: `SKU-${i}`,
  price: 9.5,
  currency: 'EUR',
  color: 'red',
  weight: 1,
  inStock: true,
  description: 'd',
  reviews: times(2, review),
});
const department = (i: number) => ({
  id: `d${i}`,
  name: `Department ${i}`,
  code: `D${i}`,
  floor: 1,
  aisle: 'A',
  description: 'd',
  size: 10,
  open: true,
  head: { id: 'p1' },
  parent: null,
  products: times(2, product),
});
const store = (i: number) => ({
  id: `s${i}`,
  name: `Store ${i}`,
  city: 'Lyon',
  country: 'FR',
  phone: null,
  email: null,
  opened: '2020-01-01',
  rating: 4.5,
  open: true,
  manager: { id: 'p1' },
  departments: times(2, department),
});

/** Lists hold two items (or `first`/`limit` if smaller), so every estimate is an upper bound of what is returned. */
const storesResolvers: GraphQLResolverMap<unknown> = {
  Query: {
    stores: (_: unknown, args: { first?: number }) => times(Math.min(args.first ?? 2, 2), store),
    store: (_: unknown, args: { id: string }) => ({ ...store(1), id: args.id }),
    storeConnection: (_: unknown, args: { first?: number }) => ({
      edges: times(Math.min(args.first ?? 2, 2), (i) => ({ cursor: `c${i}`, node: store(i) })),
      pageInfo: { hasNextPage: false, endCursor: null },
    }),
    articles: (_: unknown, args: { limit?: number }) =>
      times(Math.min(args.limit ?? 2, 2), (i) => ({ id: `a${i}`, title: 'T' })),
    department: () => ({ ...department(1), parent: { ...department(2) } }),
  },
  Department: { parent: (d: { parent?: unknown }) => d.parent ?? department(3) },
};

const peopleResolvers: GraphQLResolverMap<unknown> = {
  Query: { people: () => [{ id: 'p1', name: 'Ada', email: null }] },
  Person: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, name: 'Ada', email: null }) },
};

/**
 * Starts the plain graph's two subgraphs and composes its supergraph, in the shape `startPolicyStack` takes (its
 * `catalog` and `accounts` slots hold the stores and people subgraphs).
 */
export async function startPlainSubgraphs(): Promise<{
  catalog: RecordingSubgraph;
  accounts: RecordingSubgraph;
  supergraphSdl: string;
}> {
  const stores = await startSubgraph(storesSdl, storesResolvers);
  const people = await startSubgraph(peopleSdl, peopleResolvers);
  const supergraphSdl = composeSupergraph([
    { name: 'stores', sdl: storesSdl, url: stores.url },
    { name: 'people', sdl: peopleSdl, url: people.url },
  ]);
  return { catalog: stores, accounts: people, supergraphSdl };
}
