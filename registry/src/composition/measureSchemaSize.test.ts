import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { findSchemaSizeProblem, measureSchemaSize } from './measureSchemaSize';

const sdl = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { products: [Product!]! }
  type Product @key(fields: "id") { id: ID! name: String status: Status }
  extend type Product { price: Int }
  enum Status { ACTIVE RETIRED }
  input ProductFilter { name: String }
  union SearchResult = Product
  scalar Money
`;

describe('measureSchemaSize', () => {
  it('counts type definitions and extensions, and their fields, input fields and enum values', () => {
    expect(measureSchemaSize(parse(sdl))).toEqual({ types: 7, fields: 8 });
  });

  it('names the limit a schema is over, types first', () => {
    const size = measureSchemaSize(parse(sdl));
    expect(findSchemaSizeProblem('products', size, { maxTypes: 7, maxFields: 8 })).toBeUndefined();
    expect(findSchemaSizeProblem('products', size, { maxTypes: 6, maxFields: 1 })).toBe(
      'Subgraph "products" defines 7 types, over the registry\'s limit of 6 (MAX_SCHEMA_TYPES).',
    );
    expect(findSchemaSizeProblem('products', size, { maxTypes: 7, maxFields: 7 })).toContain(
      "8 fields, over the registry's limit of 7 (MAX_SCHEMA_FIELDS)",
    );
  });
});
