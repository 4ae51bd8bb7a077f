import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../composition/composeSupergraph';
import { applyContractFilter } from './applyContractFilter';

// A plain third-party-style graph: keys and tags only, no cost, list-size or auth directives.
const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@tag"])';
const products = /* GraphQL */ `${link}
type Query {
  products: [Product!]! @tag(name: "public")
  product(id: ID!, debug: Boolean @tag(name: "internal")): Product @tag(name: "public")
  audit: [AuditEntry!]! @tag(name: "internal")
}
type Product @key(fields: "id") {
  id: ID! @tag(name: "public")
  name: String! @tag(name: "public")
  cost: Float @tag(name: "internal")
  status: Status @tag(name: "public")
}
enum Status { ACTIVE RETIRED @tag(name: "internal") }
type AuditEntry { at: String! who: String! }
`;
const reviews = /* GraphQL */ `${link}
type Product @key(fields: "id") {
  id: ID!
  reviews: [Review!]!
}
type Review { body: String! }
`;

function supergraph(...subgraphs: [string, string][]): string {
  const result = composeSupergraph(subgraphs.map(([name, sdl]) => ({ name, url: `http://${name}.test`, sdl })));
  if (!result.ok) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.supergraphSdl;
}

function fieldsOf(apiSchemaSdl: string, type: string): string[] {
  const found = buildSchema(apiSchemaSdl).getType(type);
  return found && 'getFields' in found ? Object.keys(found.getFields()) : [];
}

describe('applyContractFilter', () => {
  const source = supergraph(['products', products], ['reviews', reviews]);

  it('removes what an excluded tag marks, with the types only it reached', () => {
    const result = applyContractFilter(source, { include: [], exclude: ['internal'] });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(fieldsOf(result.apiSchemaSdl, 'Query')).toEqual(['products', 'product']);
    expect(fieldsOf(result.apiSchemaSdl, 'Product')).toEqual(['id', 'name', 'status', 'reviews']);
    expect(result.apiSchemaSdl).not.toContain('debug');
    expect(result.apiSchemaSdl).not.toContain('RETIRED');
    expect(result.apiSchemaSdl).not.toContain('AuditEntry');
    expect(result.removedTypes).toEqual(['AuditEntry']);
    // The contract is a supergraph a gateway can serve: it still plans across both subgraphs.
    expect(result.supergraphSdl).toContain('join__Graph');
  });

  it('keeps only the fields an included tag marks, and drops the types nothing reaches', () => {
    const result = applyContractFilter(source, { include: ['public'], exclude: [] });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(fieldsOf(result.apiSchemaSdl, 'Query')).toEqual(['products', 'product']);
    expect(fieldsOf(result.apiSchemaSdl, 'Product')).toEqual(['id', 'name', 'status']);
    expect(result.apiSchemaSdl).not.toContain('type Review');
    expect(result.apiSchemaSdl).not.toContain('AuditEntry');
    expect(result.removedTypes).toEqual(['AuditEntry', 'Review']);
  });

  it('fails when a kept field returns a removed type', () => {
    const leaky = products
      .replace('audit: [AuditEntry!]! @tag(name: "internal")', 'audit: [AuditEntry!]!')
      .replace('type AuditEntry {', 'type AuditEntry @tag(name: "internal") {');
    const result = applyContractFilter(supergraph(['products', leaky]), { include: [], exclude: ['internal'] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      expect.objectContaining({ code: 'REFERENCED_INACCESSIBLE', message: expect.stringContaining('Query.audit') }),
    ]);
  });

  it('fails when nothing of the root type is left', () => {
    const result = applyContractFilter(source, { include: ['partner'], exclude: [] });
    expect(result.ok).toBe(false);
  });

  it('keeps the security and cost features a source composed with (our own graph: @authenticated, @cost)', () => {
    const ours = readFileSync(new URL('../../../schemas/supergraph.graphql', import.meta.url), 'utf8');
    const result = applyContractFilter(ours, { include: [], exclude: ['internal'] });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.supergraphSdl).toContain('@authenticated');
    expect(fieldsOf(result.apiSchemaSdl, 'Query')).toContain('me');
  });

  it('changes nothing in a graph without tags when only excluding', () => {
    const plain = supergraph(['reviews', reviews.replace('type Review', 'type Query { latest: Review }\ntype Review')]);
    const result = applyContractFilter(plain, { include: [], exclude: ['internal'] });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(fieldsOf(result.apiSchemaSdl, 'Query')).toEqual(['latest']);
    expect(fieldsOf(result.apiSchemaSdl, 'Review')).toEqual(['body']);
  });
});
