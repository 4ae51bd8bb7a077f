import { composeServices } from '@apollo/composition';
import { buildASTSchema, type GraphQLSchema, parse } from 'graphql';

/** A catalog subgraph: lists with slicing arguments, a connection, weights, and scoped fields. */
export const catalogSdl = /* GraphQL */ `
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@cost", "@listSize", "@authenticated", "@requiresScopes"])

  type Query {
    products(first: Int, filter: ProductFilter): [Product!]! @listSize(slicingArguments: ["first"], requireOneSlicingArgument: false)
    productsStrict(first: Int, last: Int): [Product!]! @listSize(slicingArguments: ["first", "last"])
    productConnection(first: Int): ProductConnection! @listSize(slicingArguments: ["first"], sizedFields: ["edges"], requireOneSlicingArgument: false)
    tags: [String!]! @listSize(assumedSize: 3)
    categories: [Category!]!
    product(id: ID!): Product
    secretStats: Stats @authenticated
    search(text: String): [SearchResult!]!
  }

  union SearchResult = Product | Supplier

  type Mutation {
    renameProduct(id: ID!, name: String!): Product
  }

  input ProductFilter { name: String }

  type Category { id: ID! name: String! }
  type Stats { revenue: Int! }

  type ProductConnection { edges: [ProductEdge!]! }
  type ProductEdge { node: Product! }

  type Product @key(fields: "id") {
    id: ID!
    name: String!
    price: Int @cost(weight: 5)
    cost: Int @requiresScopes(scopes: [["catalog:admin"], ["finance:read", "catalog:read"]])
    supplier: Supplier
    internalNote: String! @authenticated
  }

  type Supplier @authenticated { id: ID! name: String! }
`;

/** An accounts subgraph: a viewer that needs authentication, and a field that needs a scope. */
export const accountsSdl = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@authenticated", "@requiresScopes"])

  type Query {
    me: User @authenticated
    users: [User!]!
  }

  type User @key(fields: "id") {
    id: ID!
    name: String!
    email: String @requiresScopes(scopes: [["users:email"]])
  }
`;

/** Composes subgraph SDLs into a supergraph SDL, failing loudly on composition errors. */
export function composeSupergraph(subgraphs: Array<{ name: string; sdl: string; url?: string }>): string {
  const result = composeServices(
    subgraphs.map(({ name, sdl, url }) => ({
      name,
      typeDefs: parse(sdl),
      url: url ?? `http://${name}.invalid/graphql`,
    })),
  );
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

/** The test supergraph of the catalog and accounts subgraphs. */
export function testSupergraph(): string {
  return composeSupergraph([
    { name: 'catalog', sdl: catalogSdl },
    { name: 'accounts', sdl: accountsSdl },
  ]);
}

/** A graphql-js schema of a supergraph, enough for type lookups in unit tests (the gateway uses the API schema). */
export function schemaOf(supergraphSdl: string): GraphQLSchema {
  return buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
}
