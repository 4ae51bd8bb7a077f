import { byKey, type CorpusGraph, fed, subgraphError } from './corpusHelpers';

const products = [
  { id: 'p1', name: 'Gauze', price: 3, weight: 2, size: 5, upc: 'u1', sku: 's1' },
  { id: 'p2', name: 'Gloves', price: 7, weight: 1, size: 2, upc: 'u2', sku: 's2' },
  { id: 'p3', name: 'Mask', price: 1, weight: 4, size: 1, upc: 'u3', sku: 's3' },
];
const users = [
  { id: 'u1', name: 'Ada', email: 'ada@example.test' },
  { id: 'u2', name: 'Grace', email: 'grace@example.test' },
];
const reviews = [
  { id: 'r1', body: 'Fine', rating: 4, productId: 'p1', authorId: 'u1' },
  { id: 'r2', body: 'Bad', rating: 1, productId: 'p1', authorId: 'u2' },
  { id: 'r3', body: 'Good', rating: 5, productId: 'p2', authorId: 'u1' },
  { id: 'r4', body: 'Lost', rating: 2, productId: 'p3', authorId: 'u9' },
];

/** Products, reviews, users: nested entity hops on a plain graph. */
const basic: CorpusGraph = {
  name: 'basic entity hops (plain)',
  plain: true,
  subgraphs: [
    {
      name: 'products',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Query { products: [Product!]! product(id: ID!): Product topProduct: Product! }
        type Product @key(fields: "id") { id: ID! name: String! price: Int }
      `,
      ),
      resolvers: {
        Query: {
          products: () => products,
          product: (_: unknown, { id }: { id: string }) => products.find((p) => p.id === id) ?? null,
          topProduct: () => products[0],
        },
        Product: { __resolveReference: byKey(products, 'id') },
      },
    },
    {
      name: 'reviews',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Product @key(fields: "id") { id: ID! reviews: [Review!]! reviewCount: Int! }
        type Review { id: ID! body: String! rating: Int author: User }
        type User @key(fields: "id") { id: ID! reviews: [Review!]! }
      `,
      ),
      resolvers: {
        Product: {
          __resolveReference: (ref: { id: string }) => ref,
          reviews: (p: { id: string }) => reviews.filter((r) => r.productId === p.id),
          reviewCount: (p: { id: string }) => reviews.filter((r) => r.productId === p.id).length,
        },
        Review: { author: (r: { authorId: string }) => ({ id: r.authorId }) },
        User: {
          __resolveReference: (ref: { id: string }) => ref,
          reviews: (u: { id: string }) => reviews.filter((r) => r.authorId === u.id),
        },
      },
    },
    {
      name: 'users',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Query { users: [User!]! }
        type User @key(fields: "id") { id: ID! name: String! email: String }
      `,
      ),
      resolvers: {
        Query: { users: () => users },
        User: { __resolveReference: byKey(users, 'id') },
      },
    },
  ],
  queries: [
    { query: '{ products { id name reviews { body author { name } } } }' },
    // u9 is unknown to users: its non-null name nulls the nullable author.
    { query: '{ product(id: "p3") { name reviews { rating author { id name email } } } }' },
    {
      query: 'query ($id: ID!) { product(id: $id) { ...P reviewCount } } fragment P on Product { id name price }',
      variables: { id: 'p2' },
    },
    { query: '{ a: product(id: "p1") { n: name r: reviews { b: body } } b: product(id: "nope") { name } }' },
    { query: '{ users { name reviews { body author { name reviews { rating } } } } }' },
    {
      query: 'query ($r: Boolean!) { topProduct { name reviews @include(if: $r) { body } } }',
      variables: { r: false },
    },
    { query: 'query ($r: Boolean!) { topProduct { name reviews @include(if: $r) { body } } }', variables: { r: true } },
    { query: 'query ($s: Boolean = true) { products { id name @skip(if: $s) __typename } }' },
    { query: '{ __typename products { __typename t: __typename id } }' },
    { query: 'query Named { products { id } } query Other { users { id } }', operationName: 'Other' },
    { query: 'query ($id: ID!) { product(id: $id) { id } }', variables: { id: 5 } },
  ],
  arguments: { 'Query.product.id': ['"p1"', '"p2"', '"p3"', '"zz"'] },
};

const accounts = [
  { id: 'a1', region: 'eu', owner: 'Ada', balance: 10 },
  { id: 'a1', region: 'us', owner: 'Lin', balance: 20 },
  { id: 'a2', region: 'eu', owner: 'Kim', balance: 0 },
];

/** A compound key of two scalars. */
const compoundKey: CorpusGraph = {
  name: 'compound key',
  plain: true,
  subgraphs: [
    {
      name: 'ledger',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Query { accounts: [Account!]! }
        type Account @key(fields: "id region") { id: ID! region: String! balance: Int! }
      `,
      ),
      resolvers: {
        Query: { accounts: () => accounts },
        Account: { __resolveReference: byKey(accounts, 'id', 'region') },
      },
    },
    {
      name: 'crm',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Query { account(id: ID!, region: String!): Account }
        type Account @key(fields: "id region") { id: ID! region: String! owner: String }
      `,
      ),
      resolvers: {
        Query: {
          account: (_: unknown, args: { id: string; region: string }) =>
            accounts.find((a) => a.id === args.id && a.region === args.region) ?? { ...args },
        },
        Account: { __resolveReference: byKey(accounts, 'id', 'region') },
      },
    },
  ],
  queries: [
    { query: '{ accounts { id region owner balance } }' },
    { query: '{ account(id: "a1", region: "us") { owner balance } }' },
    { query: '{ account(id: "a9", region: "eu") { owner balance } }' },
  ],
  arguments: { 'Query.account.id': ['"a1"', '"a2"'], 'Query.account.region': ['"eu"', '"us"'] },
};

const listings = [
  { id: 'l1', org: { id: 'o1', name: 'North' }, title: 'Bed' },
  { id: 'l1', org: { id: 'o2', name: 'South' }, title: 'Chair' },
];

/** A compound key with a nested object. */
const nestedKey: CorpusGraph = {
  name: 'nested compound key',
  plain: true,
  subgraphs: [
    {
      name: 'listings',
      typeDefs: fed(
        ['@shareable'],
        /* GraphQL */ `
        type Query { listings: [Listing!]! }
        type Org @shareable { id: ID! name: String }
        type Listing @key(fields: "id org { id }") { id: ID! org: Org! title: String }
      `,
      ),
      resolvers: { Query: { listings: () => listings }, Listing: { __resolveReference: byKey(listings, 'id', 'org') } },
    },
    {
      name: 'pricing',
      typeDefs: fed(
        ['@shareable'],
        /* GraphQL */ `
        type Org @shareable { id: ID! }
        type Listing @key(fields: "id org { id }") { id: ID! org: Org! nightly: Int }
      `,
      ),
      resolvers: {
        Listing: {
          __resolveReference: (ref: { id: string; org: { id: string } }) => ({
            ...ref,
            nightly: ref.org.id === 'o1' ? 90 : 40,
          }),
        },
      },
    },
  ],
  queries: [{ query: '{ listings { title nightly org { id name } } }' }],
};

/** Several keys on one entity, each subgraph resolving by the one it knows. */
const multipleKeys: CorpusGraph = {
  name: 'multiple keys',
  plain: true,
  subgraphs: [
    {
      name: 'catalog',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Query { items: [Item!]! }
        type Item @key(fields: "id") @key(fields: "sku") { id: ID! sku: String! name: String }
      `,
      ),
      resolvers: {
        Query: { items: () => products },
        Item: {
          __resolveReference: (ref: { id?: string; sku?: string }) =>
            products.find((p) => p.id === ref.id || p.sku === ref.sku) ?? null,
        },
      },
    },
    {
      name: 'stock',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Item @key(fields: "sku") { sku: String! onHand: Int }
      `,
      ),
      resolvers: { Item: { __resolveReference: (ref: { sku: string }) => ({ ...ref, onHand: ref.sku.length * 3 }) } },
    },
    {
      name: 'barcodes',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Query { scan(upc: String!): Item }
        type Item @key(fields: "upc") @key(fields: "id") { id: ID! upc: String! }
      `,
      ),
      resolvers: {
        Query: { scan: (_: unknown, { upc }: { upc: string }) => products.find((p) => p.upc === upc) ?? null },
        Item: {
          __resolveReference: (ref: { id?: string; upc?: string }) =>
            products.find((p) => p.id === ref.id || p.upc === ref.upc) ?? null,
        },
      },
    },
  ],
  queries: [
    { query: '{ items { id sku name onHand upc } }' },
    { query: '{ scan(upc: "u2") { name onHand sku } }' },
    { query: '{ scan(upc: "nope") { name onHand } }' },
  ],
  arguments: { 'Query.scan.upc': ['"u1"', '"u3"', '"none"'] },
};

/** `@requires` of scalars, of a nested selection, and on a field with arguments. */
const requires: CorpusGraph = {
  name: 'requires',
  plain: true,
  subgraphs: [
    {
      name: 'inventory',
      typeDefs: fed(
        ['@shareable'],
        /* GraphQL */ `
        type Query { parcels: [Parcel!]! }
        type Dimensions @shareable { width: Int! height: Int! }
        type Parcel @key(fields: "id") { id: ID! weight: Int size: Int dimensions: Dimensions }
      `,
      ),
      resolvers: {
        Query: { parcels: () => [{ id: 'x1' }, { id: 'x2' }, { id: 'x3' }] },
        Parcel: {
          __resolveReference: (ref: { id: string }) => ref,
          weight: (p: { id: string }) => (p.id === 'x3' ? null : p.id.length * 2),
          size: () => 3,
          dimensions: (p: { id: string }) => (p.id === 'x2' ? null : { width: 2, height: 5 }),
        },
      },
    },
    {
      name: 'shipping',
      typeDefs: fed(
        ['@external', '@requires', '@shareable'],
        /* GraphQL */ `
        type Dimensions @shareable { width: Int! height: Int! }
        type Parcel @key(fields: "id") {
          id: ID!
          weight: Int @external
          size: Int @external
          dimensions: Dimensions @external
          estimate: Int @requires(fields: "weight size")
          quote(zone: String!, express: Boolean = false): String @requires(fields: "weight")
          volume: Int @requires(fields: "dimensions { width height }")
        }
      `,
      ),
      resolvers: {
        Parcel: {
          __resolveReference: (ref: unknown) => ref,
          estimate: (p: { weight: number | null; size: number }) => (p.weight ?? 0) * p.size,
          quote: (p: { weight: number | null }, args: { zone: string; express: boolean }) =>
            `${args.zone}:${p.weight}:${args.express}`,
          volume: (p: { dimensions: { width: number; height: number } | null }) =>
            p.dimensions ? p.dimensions.width * p.dimensions.height : null,
        },
      },
    },
  ],
  queries: [
    { query: '{ parcels { id estimate volume } }' },
    {
      query: 'query ($z: String!) { parcels { quote(zone: $z) q2: quote(zone: "b", express: true) } }',
      variables: { z: 'a' },
    },
    { query: '{ parcels { weight estimate dimensions { width } } }' },
  ],
  arguments: { 'Parcel.quote.zone': ['"a"', '"north"'], 'Parcel.quote.express': ['true', 'false'] },
};

/** `@provides` lets the reviews subgraph answer the author's name itself. */
const provides: CorpusGraph = {
  name: 'provides',
  plain: true,
  subgraphs: [
    {
      name: 'reviews',
      typeDefs: fed(
        ['@external', '@provides'],
        /* GraphQL */ `
        type Query { latest: [Review!]! all: [Review!]! }
        type Review { id: ID! body: String author: User @provides(fields: "name") plainAuthor: User }
        type User @key(fields: "id") { id: ID! name: String @external }
      `,
      ),
      resolvers: {
        Query: { latest: () => reviews, all: () => reviews },
        Review: {
          author: (r: { authorId: string }) => ({ id: r.authorId, name: `provided ${r.authorId}` }),
          plainAuthor: (r: { authorId: string }) => ({ id: r.authorId }),
        },
      },
    },
    {
      name: 'users',
      typeDefs: fed(
        ['@shareable'],
        /* GraphQL */ `
        type User @key(fields: "id") { id: ID! name: String @shareable email: String }
      `,
      ),
      resolvers: { User: { __resolveReference: byKey(users, 'id') } },
    },
  ],
  queries: [
    { query: '{ latest { body author { name } } }' },
    { query: '{ latest { author { name email } plainAuthor { name } } }' },
  ],
};

/** `@shareable` root fields and value types answered by either subgraph. */
const shareable: CorpusGraph = {
  name: 'shareable roots and fields',
  plain: true,
  subgraphs: [
    {
      name: 'one',
      typeDefs: fed(
        ['@shareable'],
        /* GraphQL */ `
        type Query { version: String @shareable info: Info @shareable onlyOne: Info }
        type Info @shareable { name: String tags: [String!] }
        type Thing @key(fields: "id") { id: ID! label: String @shareable }
        extend type Query { thing(id: ID!): Thing }
      `,
      ),
      resolvers: {
        Query: {
          version: () => '1',
          info: () => ({ name: 'one', tags: ['a'] }),
          onlyOne: () => ({ name: 'only', tags: null }),
          thing: (_: unknown, { id }: { id: string }) => ({ id, label: `one-${id}` }),
        },
        Thing: { __resolveReference: (ref: { id: string }) => ({ ...ref, label: `one-${ref.id}` }) },
      },
    },
    {
      name: 'two',
      typeDefs: fed(
        ['@shareable'],
        /* GraphQL */ `
        type Query { version: String @shareable info: Info @shareable things: [Thing] }
        type Info @shareable { name: String tags: [String!] }
        type Thing @key(fields: "id") { id: ID! label: String @shareable extra: Int }
      `,
      ),
      resolvers: {
        Query: {
          version: () => '1',
          info: () => ({ name: 'one', tags: ['a'] }),
          things: () => [{ id: 't1' }, null, { id: 't2' }],
        },
        Thing: {
          __resolveReference: (ref: { id: string }) => ref,
          label: (t: { id: string }) => `one-${t.id}`,
          extra: (t: { id: string }) => t.id.length,
        },
      },
    },
  ],
  queries: [
    { query: '{ version info { name tags } onlyOne { name tags } }' },
    { query: '{ things { id label extra } thing(id: "t9") { label extra } }' },
  ],
  arguments: { 'Query.thing.id': ['"t1"', '"t2"'] },
};

const media = [
  { __typename: 'Book', id: 'm1', title: 'Dune', pages: 412 },
  { __typename: 'Movie', id: 'm2', title: 'Heat', minutes: 170 },
  { __typename: 'Book', id: 'm3', title: 'Emma', pages: 300 },
];

/** An interface entity that another subgraph extends as an `@interfaceObject`. */
const interfaceObject: CorpusGraph = {
  name: 'interfaceObject',
  plain: true,
  subgraphs: [
    {
      name: 'library',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Query { media: [Media!]! }
        interface Media @key(fields: "id") { id: ID! title: String }
        type Book implements Media @key(fields: "id") { id: ID! title: String pages: Int }
        type Movie implements Media @key(fields: "id") { id: ID! title: String minutes: Int }
      `,
      ),
      resolvers: {
        Query: { media: () => media },
        Media: {
          __resolveReference: (ref: { id: string }) => media.find((m) => m.id === ref.id) ?? null,
          __resolveType: (m: { __typename: string }) => m.__typename,
        },
        Book: { __resolveReference: byKey(media, 'id') },
        Movie: { __resolveReference: byKey(media, 'id') },
      },
    },
    {
      name: 'ratings',
      typeDefs: fed(
        ['@interfaceObject'],
        /* GraphQL */ `
        type Query { topRated: [Media!]! }
        type Media @key(fields: "id") @interfaceObject { id: ID! stars: Int }
      `,
      ),
      resolvers: {
        Query: { topRated: () => [{ id: 'm3' }, { id: 'm2' }] },
        Media: {
          __resolveReference: (ref: { id: string }) => ref,
          stars: (m: { id: string }) => (m.id === 'm2' ? null : Number(m.id.slice(1))),
        },
      },
    },
  ],
  queries: [
    { query: '{ media { id title stars ... on Book { pages } ... on Movie { minutes } } }' },
    { query: '{ topRated { __typename id stars title ... on Book { pages } } }' },
  ],
};

/** Interfaces and unions whose members live in different subgraphs. */
const abstractTypes: CorpusGraph = {
  name: 'interfaces and unions across subgraphs',
  plain: true,
  subgraphs: [
    {
      name: 'search',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Query { search(term: String): [Result!]! nodes: [Node] }
        union Result = Author | Paper
        interface Node { id: ID! }
        type Author implements Node @key(fields: "id") { id: ID! }
        type Paper implements Node @key(fields: "id") { id: ID! title: String }
      `,
      ),
      resolvers: {
        Query: {
          search: () => [
            { __typename: 'Author', id: 'au1' },
            { __typename: 'Paper', id: 'pa1', title: 'On Gauze' },
            { __typename: 'Author', id: 'au2' },
          ],
          nodes: () => [{ __typename: 'Paper', id: 'pa2', title: 'Masks' }, null, { __typename: 'Author', id: 'au1' }],
        },
        Result: { __resolveType: (v: { __typename: string }) => v.__typename },
        Node: { __resolveType: (v: { __typename: string }) => v.__typename },
        Author: { __resolveReference: (ref: unknown) => ref },
        Paper: { __resolveReference: (ref: { id: string }) => ({ ...ref, title: `T ${ref.id}` }) },
      },
    },
    {
      name: 'people',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Author @key(fields: "id") { id: ID! name: String! papers: [Paper!] }
        type Paper @key(fields: "id") { id: ID! }
      `,
      ),
      resolvers: {
        Author: {
          __resolveReference: (ref: { id: string }) => (ref.id === 'au2' ? null : { ...ref, name: `Name ${ref.id}` }),
          papers: () => [{ id: 'pa1' }],
        },
        Paper: { __resolveReference: (ref: unknown) => ref },
      },
    },
  ],
  queries: [
    { query: '{ search { __typename ... on Author { name papers { title } } ... on Paper { title } } }' },
    { query: '{ nodes { id ... on Author { name } ...T } } fragment T on Paper { title }' },
    { query: '{ search { ... on Node { id } ... on Author { n: name } } }' },
  ],
};

/** A field moved to another subgraph with `@override`. */
const override: CorpusGraph = {
  name: 'override',
  plain: true,
  subgraphs: [
    {
      name: 'old',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Query { clinics: [Clinic!]! }
        type Clinic @key(fields: "id") { id: ID! name: String city: String }
      `,
      ),
      resolvers: {
        Query: {
          clinics: () => [
            { id: 'c1', name: 'A', city: 'old city' },
            { id: 'c2', name: 'B', city: 'old' },
          ],
        },
        Clinic: { __resolveReference: (ref: { id: string }) => ({ ...ref, name: ref.id, city: 'old' }) },
      },
    },
    {
      name: 'new',
      typeDefs: fed(
        ['@override'],
        /* GraphQL */ `
        type Clinic @key(fields: "id") { id: ID! city: String @override(from: "old") beds: Int }
      `,
      ),
      resolvers: {
        Clinic: {
          __resolveReference: (ref: { id: string }) => ({
            ...ref,
            city: `new ${ref.id}`,
            beds: ref.id === 'c1' ? 3 : null,
          }),
        },
      },
    },
  ],
  queries: [{ query: '{ clinics { id name city beds } }' }],
};

/** `@inaccessible` fields, types and enum values hidden from clients yet used for joins. */
const inaccessible: CorpusGraph = {
  name: 'inaccessible',
  plain: true,
  subgraphs: [
    {
      name: 'core',
      typeDefs: fed(
        ['@inaccessible'],
        /* GraphQL */ `
        type Query { orders: [Order!]! }
        enum Status { OPEN CLOSED LEGACY @inaccessible }
        type Order @key(fields: "id") { id: ID! internalRef: String @inaccessible status: Status secret: Secret @inaccessible }
        type Secret { code: String }
      `,
      ),
      resolvers: {
        Query: {
          orders: () => [
            { id: 'o1', internalRef: 'ref-1', status: 'OPEN' },
            { id: 'o2', internalRef: 'ref-2', status: 'LEGACY' },
          ],
        },
        Order: {
          __resolveReference: (ref: { id: string }) => ({ ...ref, internalRef: `ref-${ref.id}`, status: 'CLOSED' }),
        },
      },
    },
    {
      name: 'billing',
      typeDefs: fed(
        ['@external', '@requires'],
        /* GraphQL */ `
        type Order @key(fields: "id") { id: ID! internalRef: String @external invoice: String @requires(fields: "internalRef") }
      `,
      ),
      resolvers: {
        Order: {
          __resolveReference: (ref: unknown) => ref,
          invoice: (o: { internalRef: string }) => `inv-${o.internalRef}`,
        },
      },
    },
  ],
  queries: [{ query: '{ orders { id invoice } }' }, { query: '{ orders { status invoice } }' }],
};

/** Four hops across three subgraphs and back. */
const nestedHops: CorpusGraph = {
  name: 'nested entity hops',
  plain: true,
  subgraphs: [
    {
      name: 'orders',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Query { order(id: ID!): Order }
        type Order @key(fields: "id") { id: ID! customer: Customer lines: [Line!]! }
        type Line { qty: Int! product: Product }
        type Customer @key(fields: "id") { id: ID! }
        type Product @key(fields: "id") { id: ID! }
        type Country @key(fields: "code") { code: ID! orders: [Order!]! }
      `,
      ),
      resolvers: {
        Query: { order: (_: unknown, { id }: { id: string }) => ({ id }) },
        Order: {
          customer: () => ({ id: 'k1' }),
          lines: () => [
            { qty: 1, product: { id: 'p1' } },
            { qty: 2, product: { id: 'p2' } },
            { qty: 3, product: null },
          ],
        },
        Country: { __resolveReference: (ref: unknown) => ref, orders: () => [{ id: 'o7' }] },
      },
    },
    {
      name: 'customers',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Customer @key(fields: "id") { id: ID! name: String address: Address }
        type Address { street: String country: Country }
        type Country @key(fields: "code") { code: ID! }
      `,
      ),
      resolvers: {
        Customer: {
          __resolveReference: (ref: unknown) => ref,
          name: () => 'Kay',
          address: () => ({ street: 'Main', country: { code: 'FR' } }),
        },
      },
    },
    {
      name: 'geo',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Country @key(fields: "code") { code: ID! name: String }
        type Product @key(fields: "id") { id: ID! madeIn: Country }
      `,
      ),
      resolvers: {
        Country: { __resolveReference: (ref: { code: string }) => ({ ...ref, name: `Land ${ref.code}` }) },
        Product: {
          __resolveReference: (ref: { id: string }) => ({ ...ref, madeIn: { code: ref.id === 'p1' ? 'FR' : 'DE' } }),
        },
      },
    },
  ],
  queries: [
    {
      query:
        '{ order(id: "o1") { customer { name address { street country { name orders { id customer { name } } } } } } }',
    },
    { query: '{ order(id: "o1") { lines { qty product { madeIn { code name } } } } }' },
  ],
  arguments: { 'Query.order.id': ['"o1"'] },
};

interface CounterState {
  counter: number;
  log: string[];
}

/** The mutations graph's state, which the harness passes to resolvers as their context. */
function counterState(context: unknown): CounterState {
  if (!context || typeof context !== 'object' || !('log' in context) || !('counter' in context)) {
    throw new Error('the mutations graph runs with its state as context');
  }
  return context as CounterState;
}

/** Mutations across two subgraphs, run in order against shared state. */
const mutations: CorpusGraph = {
  name: 'mutations in order',
  plain: true,
  state: () => ({ counter: 0, log: [] as string[] }),
  subgraphs: [
    {
      name: 'counter',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Query { count: Int! }
        type Mutation { increment(by: Int!): Tick! fail: Tick! }
        type Tick @key(fields: "id") { id: ID! value: Int! }
      `,
      ),
      resolvers: {
        Query: { count: (_: unknown, __: unknown, context: unknown) => counterState(context).counter },
        Mutation: {
          increment: (_: unknown, { by }: { by: number }, context: unknown) => {
            const state = counterState(context);
            state.counter += by;
            state.log.push(`inc ${by}`);
            return { id: `t${state.log.length}`, value: state.counter };
          },
          fail: () => {
            throw subgraphError('Counter jammed', 'COUNTER_JAMMED');
          },
        },
        Tick: { __resolveReference: (ref: unknown) => ref },
      },
    },
    {
      name: 'audit',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Mutation { note(text: String!): String! }
        type Tick @key(fields: "id") { id: ID! seenAt: Int }
      `,
      ),
      resolvers: {
        Mutation: {
          note: (_: unknown, { text }: { text: string }, context: unknown) => {
            const state = counterState(context);
            state.log.push(text);
            return `${text}@${state.log.length}`;
          },
        },
        Tick: {
          __resolveReference: (ref: { id: string }, context: unknown) => ({
            ...ref,
            seenAt: counterState(context).log.length,
          }),
        },
      },
    },
  ],
  queries: [
    {
      query:
        'mutation { a: increment(by: 2) { value seenAt } b: note(text: "x") c: increment(by: 3) { value } d: note(text: "y") }',
    },
    {
      query: 'mutation ($n: Int!) { a: increment(by: $n) { value } f: fail { value } n: note(text: "after") }',
      variables: { n: 4 },
    },
  ],
};

/** Subgraph errors: root and entity fetch errors with codes and paths, partial data, nulls. */
const errors: CorpusGraph = {
  name: 'subgraph errors and nulls',
  plain: true,
  subgraphs: [
    {
      name: 'front',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Query { widgets: [Widget!]! broken: Widget brokenStrict: Widget! maybe: [Widget] }
        type Widget @key(fields: "id") { id: ID! label: String }
      `,
      ),
      resolvers: {
        Query: {
          widgets: () => [{ id: 'w1' }, { id: 'w2' }, { id: 'w3' }],
          broken: () => {
            throw subgraphError('front is broken', 'FRONT_BROKEN');
          },
          brokenStrict: () => {
            throw new Error('no code here');
          },
          maybe: () => [{ id: 'w1' }, null, { id: 'w4' }],
        },
        Widget: {
          __resolveReference: (ref: unknown) => ref,
          label: (w: { id: string }) => {
            if (w.id === 'w2') throw subgraphError('label missing', 'LABEL_MISSING');
            return `L${w.id}`;
          },
        },
      },
    },
    {
      name: 'back',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Widget @key(fields: "id") { id: ID! stock: Int! price: Int detail: Detail }
        type Detail { note: String! }
      `,
      ),
      resolvers: {
        Widget: {
          __resolveReference: (ref: { id: string }) => (ref.id === 'w4' ? null : ref),
          stock: (w: { id: string }) => {
            if (w.id === 'w3') throw subgraphError('stock unknown', 'STOCK_UNKNOWN');
            return 5;
          },
          price: (w: { id: string }) => (w.id === 'w1' ? null : 9),
          detail: (w: { id: string }) => (w.id === 'w1' ? { note: 'ok' } : { note: null }),
        },
      },
    },
  ],
  queries: [
    { query: '{ widgets { id label stock price } }' },
    { query: '{ broken { id } widgets { id } }' },
    { query: '{ brokenStrict { id } }' },
    { query: '{ maybe { id stock price } }' },
    { query: '{ widgets { detail { note } } }' },
    { query: '{ widgets { label } maybe { stock } }' },
  ],
};

/** Lists of lists of entities, flattened through several `@` marks. */
const nestedLists: CorpusGraph = {
  name: 'nested lists',
  plain: true,
  subgraphs: [
    {
      name: 'grid',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Query { grid: [[Cell]] rows: [Row!]! }
        type Row { cells: [Cell!]! }
        type Cell @key(fields: "x y") { x: Int! y: Int! }
      `,
      ),
      resolvers: {
        Query: {
          grid: () => [[{ x: 0, y: 0 }, null], null, [{ x: 1, y: 1 }]],
          rows: () => [
            { cells: [{ x: 0, y: 1 }] },
            { cells: [] },
            {
              cells: [
                { x: 2, y: 2 },
                { x: 2, y: 3 },
              ],
            },
          ],
        },
        Cell: { __resolveReference: (ref: unknown) => ref },
      },
    },
    {
      name: 'paint',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Cell @key(fields: "x y") { x: Int! y: Int! colour: String neighbours: [Cell!] }
      `,
      ),
      resolvers: {
        Cell: {
          __resolveReference: (ref: { x: number; y: number }) => ref,
          colour: (c: { x: number; y: number }) => ((c.x + c.y) % 2 ? 'black' : 'white'),
          neighbours: (c: { x: number; y: number }) => [{ x: c.x + 1, y: c.y }],
        },
      },
    },
  ],
  queries: [{ query: '{ grid { x colour neighbours { colour } } }' }, { query: '{ rows { cells { y colour } } }' }],
};

/** Enums, custom scalars, and a value the API schema does not allow (an inaccessible enum value). */
const leafValues: CorpusGraph = {
  name: 'enums and scalars',
  plain: true,
  subgraphs: [
    {
      name: 'values',
      typeDefs: fed(
        ['@inaccessible'],
        /* GraphQL */ `
        scalar JSON
        enum Level { LOW HIGH HIDDEN @inaccessible }
        type Query { reading: Reading readings: [Reading!]! }
        type Reading @key(fields: "id") { id: ID! level: Level! raw: JSON at: Float }
      `,
      ),
      resolvers: {
        Query: {
          reading: () => ({ id: 'v1', level: 'HIDDEN', raw: { a: [1, 'b'] }, at: 1.5 }),
          readings: () => [
            { id: 'v2', level: 'LOW', raw: 3, at: 2 },
            { id: 'v3', level: 'HIDDEN', raw: null, at: null },
          ],
        },
      },
    },
    {
      name: 'labels',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Reading @key(fields: "id") { id: ID! label: String }
      `,
      ),
      resolvers: { Reading: { __resolveReference: (ref: { id: string }) => ({ ...ref, label: `R${ref.id}` }) } },
    },
  ],
  queries: [
    { query: '{ reading { level raw at label } }' },
    { query: '{ readings { id level label } }' },
    { query: '{ readings { id raw } }' },
  ],
};

/** An entity's interface field whose implementations are resolved by another subgraph. */
const abstractOnEntity: CorpusGraph = {
  name: 'abstract fields on entities',
  plain: true,
  subgraphs: [
    {
      name: 'feed',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Query { feed: [Post!]! }
        type Post @key(fields: "id") { id: ID! }
      `,
      ),
      resolvers: { Query: { feed: () => [{ id: 'po1' }, { id: 'po2' }] } },
    },
    {
      name: 'attachments',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Post @key(fields: "id") { id: ID! attachment: Attachment attachments: [Attachment!]! }
        interface Attachment { url: String! }
        type Image implements Attachment @key(fields: "url") { url: String! width: Int }
        type Video implements Attachment @key(fields: "url") { url: String! }
      `,
      ),
      resolvers: {
        Post: {
          __resolveReference: (ref: unknown) => ref,
          attachment: (p: { id: string }) =>
            p.id === 'po1' ? { __typename: 'Image', url: 'i1', width: 10 } : { __typename: 'Video', url: 'v1' },
          attachments: () => [
            { __typename: 'Video', url: 'v2' },
            { __typename: 'Image', url: 'i2', width: 3 },
          ],
        },
        Attachment: { __resolveType: (a: { __typename: string }) => a.__typename },
        Image: { __resolveReference: (ref: unknown) => ref },
        Video: { __resolveReference: (ref: unknown) => ref },
      },
    },
    {
      name: 'player',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Video @key(fields: "url") { url: String! seconds: Int! }
      `,
      ),
      resolvers: {
        Video: { __resolveReference: (ref: { url: string }) => (ref.url === 'v2' ? null : { ...ref, seconds: 42 }) },
      },
    },
  ],
  queries: [
    { query: '{ feed { id attachment { url ... on Image { width } ... on Video { seconds } } } }' },
    { query: '{ feed { attachments { __typename ... on Video { seconds } } } }' },
    { query: '{ feed { attachments { url ... on Image { width } } } }' },
  ],
};

/** `@skip`/`@include` on variables become condition nodes around entity fetches. */
const conditions: CorpusGraph = {
  name: 'conditions on fetches',
  plain: true,
  subgraphs: basic.subgraphs,
  queries: [
    {
      query:
        'query ($a: Boolean!, $b: Boolean!) { products { id reviews @include(if: $a) { body author @skip(if: $b) { name } } } }',
      variables: { a: true, b: false },
    },
    {
      query:
        'query ($a: Boolean!, $b: Boolean!) { products { id reviews @include(if: $a) { body author @skip(if: $b) { name } } } }',
      variables: { a: true, b: true },
    },
    {
      query: 'query ($a: Boolean = false) { products { ... @include(if: $a) { reviewCount } name } }',
    },
    {
      query: 'query ($a: Boolean!) { products { ...R @skip(if: $a) } } fragment R on Product { reviews { rating } }',
      variables: { a: false },
    },
  ],
};

/** Arguments of entity fields given as variables, passed only to the fetches that use them. */
const variablesGraph: CorpusGraph = {
  name: 'variables in entity fetches',
  plain: true,
  subgraphs: [
    {
      name: 'base',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Query { shelf(first: Int = 2): [Book!]! }
        type Book @key(fields: "isbn") { isbn: ID! title: String }
      `,
      ),
      resolvers: {
        Query: {
          shelf: (_: unknown, { first }: { first: number }) =>
            ['b1', 'b2', 'b3'].slice(0, first).map((isbn) => ({ isbn, title: isbn.toUpperCase() })),
        },
      },
    },
    {
      name: 'quotes',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        input Window { from: Int! to: Int }
        type Book @key(fields: "isbn") { isbn: ID! quotes(limit: Int!, window: Window): [String!]! }
      `,
      ),
      resolvers: {
        Book: {
          __resolveReference: (ref: unknown) => ref,
          quotes: (b: { isbn: string }, args: { limit: number; window?: { from: number; to?: number } }) =>
            Array.from({ length: args.limit }, (_, i) => `${b.isbn}#${i + (args.window?.from ?? 0)}`),
        },
      },
    },
  ],
  queries: [
    {
      query: 'query ($n: Int!, $w: Window, $f: Int) { shelf(first: $f) { title quotes(limit: $n, window: $w) } }',
      variables: { n: 2, w: { from: 5 }, f: 3 },
    },
    { query: 'query ($n: Int!) { shelf { quotes(limit: $n) } }', variables: { n: 1, unused: 'x' } },
  ],
  arguments: { 'Query.shelf.first': ['1', '3'], 'Book.quotes.limit': ['0', '2'] },
};

/** A value type shared by both subgraphs, with fields each adds, returned inside entities. */
const valueTypes: CorpusGraph = {
  name: 'shared value types and externals',
  plain: true,
  subgraphs: [
    {
      name: 'warehouse',
      typeDefs: fed(
        ['@shareable'],
        /* GraphQL */ `
        type Query { bins: [Bin!]! }
        type Location @shareable { aisle: Int! shelf: Int! }
        type Bin @key(fields: "id") { id: ID! location: Location! @shareable }
      `,
      ),
      resolvers: {
        Query: {
          bins: () => [
            { id: 'bin1', location: { aisle: 1, shelf: 2 } },
            { id: 'bin2', location: { aisle: 4, shelf: 0 } },
          ],
        },
        Bin: { __resolveReference: (ref: { id: string }) => ({ ...ref, location: { aisle: 9, shelf: 9 } }) },
      },
    },
    {
      name: 'robots',
      typeDefs: fed(
        ['@shareable', '@external', '@requires'],
        /* GraphQL */ `
        type Location @shareable { aisle: Int! shelf: Int! }
        type Bin @key(fields: "id") { id: ID! location: Location! @external route: String @requires(fields: "location { aisle }") }
      `,
      ),
      resolvers: {
        Bin: {
          __resolveReference: (ref: unknown) => ref,
          route: (b: { location: { aisle: number } }) => `go ${b.location.aisle}`,
        },
      },
    },
  ],
  queries: [{ query: '{ bins { id route location { aisle shelf } } }' }],
};

/** An entity whose only fields come from a subgraph that fails outright (HTTP-level failure is not GraphQL). */
const hopErrors: CorpusGraph = {
  name: 'errors in nested hops',
  plain: true,
  subgraphs: [
    {
      name: 'top',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Query { groups: [Group!]! }
        type Group { name: String members: [Member!]! }
        type Member @key(fields: "id") { id: ID! }
      `,
      ),
      resolvers: {
        Query: {
          groups: () => [
            { name: 'g1', members: [{ id: 'm1' }, { id: 'm2' }] },
            { name: 'g2', members: [] },
            { name: 'g3', members: [{ id: 'm3' }] },
          ],
        },
      },
    },
    {
      name: 'profiles',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Member @key(fields: "id") { id: ID! nick: String! avatar: String }
      `,
      ),
      resolvers: {
        Member: {
          __resolveReference: (ref: { id: string }) => ref,
          nick: (m: { id: string }) => {
            if (m.id === 'm3') throw subgraphError(`no nick for ${m.id}`, 'NO_NICK');
            return `nick-${m.id}`;
          },
          avatar: (m: { id: string }) => (m.id === 'm1' ? null : 'png'),
        },
      },
    },
  ],
  queries: [
    { query: '{ groups { name members { id nick avatar } } }' },
    { query: '{ groups { members { avatar } } }' },
  ],
};

/** Cost directives on an otherwise ordinary graph: the executor is indifferent to them. */
const withCost: CorpusGraph = {
  name: 'cost directives',
  plain: false,
  subgraphs: [
    {
      name: 'stores',
      typeDefs: fed(
        ['@cost', '@listSize'],
        /* GraphQL */ `
        type Query { stores(first: Int): [Store!]! @listSize(slicingArguments: ["first"]) }
        type Store @key(fields: "id") { id: ID! name: String @cost(weight: 3) }
      `,
      ),
      resolvers: {
        Query: {
          stores: (_: unknown, { first }: { first?: number }) =>
            [
              { id: 's1', name: 'One' },
              { id: 's2', name: 'Two' },
            ].slice(0, first ?? 2),
        },
      },
    },
    {
      name: 'hours',
      typeDefs: fed(
        [],
        /* GraphQL */ `
        type Store @key(fields: "id") { id: ID! opens: Int }
      `,
      ),
      resolvers: {
        Store: { __resolveReference: (ref: { id: string }) => ({ ...ref, opens: ref.id === 's1' ? 8 : 9 }) },
      },
    },
  ],
  queries: [{ query: '{ stores(first: 1) { name opens } }' }, { query: '{ stores { id opens } }' }],
  arguments: { 'Query.stores.first': ['1', '2'] },
};

/** The differential corpus: every graph both executors run. */
export const corpus: readonly CorpusGraph[] = [
  basic,
  compoundKey,
  nestedKey,
  multipleKeys,
  requires,
  provides,
  shareable,
  interfaceObject,
  abstractTypes,
  override,
  inaccessible,
  nestedHops,
  mutations,
  errors,
  nestedLists,
  leafValues,
  abstractOnEntity,
  conditions,
  variablesGraph,
  valueTypes,
  hopErrors,
  withCost,
];
