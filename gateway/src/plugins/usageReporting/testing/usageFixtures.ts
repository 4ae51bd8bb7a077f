import { composeServices } from '@apollo/composition';
import { type GraphQLSchema, parse } from 'graphql';

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])';

/** Products own `Product`, filters with nested inputs and an enum. */
export const productsSdl = /* GraphQL */ `
  ${link}
  type Query {
    products(filter: ProductFilter, first: Int): [Product!]!
    product(id: ID!): Product
  }
  input ProductFilter { color: Color, name: String, price: PriceRange, colors: [Color!] }
  input PriceRange { min: Int, max: Int }
  enum Color { RED GREEN BLUE }
  type Product @key(fields: "id") { id: ID! name: String! color: Color }
`;

/** Reviews extend `Product` with reviews. */
export const reviewsSdl = /* GraphQL */ `
  ${link}
  type Query { topReviews(first: Int): [Review!]! }
  type Review { id: ID! stars: Int! product: Product! }
  type Product @key(fields: "id") { id: ID! reviews(minStars: Int): [Review!]! }
`;

/** The composed test supergraph and its API schema. */
export function usageSupergraph(): { sdl: string; id: string; apiSchema: GraphQLSchema } {
  const result = composeServices([
    { name: 'products', typeDefs: parse(productsSdl), url: 'http://products.invalid/graphql' },
    { name: 'reviews', typeDefs: parse(reviewsSdl), url: 'http://reviews.invalid/graphql' },
  ]);
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return { sdl: result.supergraphSdl, id: 'supergraph-1', apiSchema: result.schema.toAPISchema().toGraphQLJSSchema() };
}
