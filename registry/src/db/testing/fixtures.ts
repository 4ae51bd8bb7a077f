/** Federation v2 subgraph SDLs the registry's tests publish. */

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])';

/** The products subgraph: `Product` entity owner. Extra lines are appended inside `type Product`. */
export function productsSdl(productFields = ''): string {
  return /* GraphQL */ `
${link}

type Query {
  products: [Product!]!
  product(id: ID!): Product
}

type Product @key(fields: "id") {
  id: ID!
  name: String!
  ${productFields}
}
`;
}

/** The reviews subgraph, extending `Product`. */
export function reviewsSdl(reviewFields = ''): string {
  return /* GraphQL */ `
${link}

type Review {
  id: ID!
  body: String!
  ${reviewFields}
}

type Product @key(fields: "id") {
  id: ID!
  reviews: [Review!]!
}
`;
}

/** A subgraph that adds one root field `<name>Field`; ten of them compose together. */
export function fieldSubgraphSdl(name: string): string {
  return /* GraphQL */ `
${link}

type Query {
  ${name}Field: String
}
`;
}
