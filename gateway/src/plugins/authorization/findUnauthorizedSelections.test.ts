import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Identity } from '../../context';
import { schemaOf, testSupergraph } from '../testing/fixtures';
import { applyUnauthorizedNulls } from './applyUnauthorizedNulls';
import { buildAuthorizationModel, satisfies } from './authorizationModel';
import { findUnauthorizedSelections, PLACEHOLDER_KEY } from './findUnauthorizedSelections';

const sdl = testSupergraph();
const schema = schemaOf(sdl);
const model = buildAuthorizationModel(sdl);
const user = (scopes: string[] = []): Identity => ({ kind: 'jwt', subject: 'u1', scopes, claims: {} });
const analyze = (query: string, identity: Identity | null) =>
  findUnauthorizedSelections({ schema, model, document: parse(query), identity });

describe('buildAuthorizationModel', () => {
  it('reads @authenticated and @requiresScopes from fields and types of the supergraph', () => {
    expect(model.fields.get('Query.me')).toEqual({ authenticated: true, scopes: [] });
    expect(model.fields.get('Product.cost')).toEqual({
      authenticated: false,
      scopes: [[['catalog:admin'], ['finance:read', 'catalog:read']]],
    });
    expect(model.types.get('Supplier')).toEqual({ authenticated: true, scopes: [] });
  });

  it('treats scopes as an OR of AND-sets', () => {
    const requirement = { authenticated: false, scopes: [[['a'], ['b', 'c']]] };
    expect(satisfies(requirement, user(['a']))).toBe(true);
    expect(satisfies(requirement, user(['b', 'c']))).toBe(true);
    expect(satisfies(requirement, user(['b']))).toBe(false);
    expect(satisfies(requirement, null)).toBe(false);
  });

  it('reads renamed and @join__directive forms', () => {
    const renamed = buildAuthorizationModel(/* GraphQL */ `
      schema @link(url: "https://specs.apollo.dev/authenticated/v0.1", import: [{name: "@authenticated", as: "@loggedIn"}])
        @link(url: "https://specs.apollo.dev/requiresScopes/v0.1") { query: Query }
      type Query {
        a: Int @loggedIn
        b: Int @join__directive(graphs: [X], name: "requiresScopes", args: {scopes: [["s"]]})
        c: Int @authenticated
      }
    `);
    expect(renamed.fields.get('Query.a')).toEqual({ authenticated: true, scopes: [] });
    expect(renamed.fields.get('Query.b')).toEqual({ authenticated: false, scopes: [[['s']]] });
    expect(renamed.fields.has('Query.c')).toBe(false);
  });
});

describe('findUnauthorizedSelections', () => {
  it('leaves an allowed operation untouched', () => {
    const document = parse('{ products(first: 2) { name cost } }');
    const result = findUnauthorizedSelections({ schema, model, document, identity: user(['catalog:admin']) });
    expect(result.unauthorized).toEqual([]);
    expect(result.document).toBe(document);
  });

  it('removes forbidden fields, fields of forbidden types, and keeps selection sets valid', () => {
    const result = analyze('{ me { id } products(first: 2) { name cost supplier { name } } }', null);
    expect(result.unauthorized.map((u) => [u.coordinate, u.steps.map((s) => s.key)])).toEqual([
      ['Query.me', ['me']],
      ['Product.cost', ['products', 'cost']],
      ['Product.supplier', ['products', 'supplier']],
    ]);
    expect(print(result.document)).toBe(
      `{\n  products(first: 2) {\n    name\n    ${PLACEHOLDER_KEY}: __typename\n  }\n  ${PLACEHOLDER_KEY}: __typename\n}`,
    );
  });

  it('filters inside named fragments and follows them for paths', () => {
    const result = analyze('{ product(id: "1") { ...P } } fragment P on Product { name internalNote }', null);
    expect(result.unauthorized.map((u) => u.steps.map((s) => s.key))).toEqual([['product', 'internalNote']]);
    expect(print(result.document)).toContain(`fragment P on Product {\n  name\n  ${PLACEHOLDER_KEY}: __typename\n}`);
  });

  it('gives different signatures for different removals', () => {
    const query = '{ product(id: "1") { cost internalNote } }';
    expect(analyze(query, null).signature).not.toBe(analyze(query, user()).signature);
  });
});

describe('requirements on interfaces, implementations, scalars and enums', () => {
  const handWritten = /* GraphQL */ `
    directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
    directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
    type Query { node: Node audited: Audited level: Level price: Money }
    interface Node { id: ID! note: String }
    type Page implements Node { id: ID! note: String @authenticated }
    type Post implements Node { id: ID! note: String }
    interface Audited @requiresScopes(scopes: [["audit"]]) { id: ID! }
    enum Level @authenticated { LOW HIGH }
    scalar Money @requiresScopes(scopes: [["finance"]])
  `;
  const s = schemaOf(handWritten);
  const m = buildAuthorizationModel(handWritten);
  const coordinates = (query: string, identity: Identity | null) =>
    findUnauthorizedSelections({ schema: s, model: m, document: parse(query), identity }).unauthorized.map(
      (u) => u.coordinate,
    );

  it('guards an interface field when an implementation guards it', () => {
    expect(coordinates('{ node { id note } }', null)).toEqual(['Node.note']);
    expect(coordinates('{ node { ... on Post { note } } }', null)).toEqual([]);
    expect(coordinates('{ node { id note } }', user())).toEqual([]);
  });

  it('guards fields returning a protected interface, enum or scalar', () => {
    expect(coordinates('{ audited { id } level price }', user())).toEqual(['Query.audited', 'Query.price']);
    expect(coordinates('{ audited { id } level price }', null)).toEqual([
      'Query.audited',
      'Query.level',
      'Query.price',
    ]);
    expect(coordinates('{ audited { id } level price }', user(['audit', 'finance']))).toEqual([]);
  });
});

describe('applyUnauthorizedNulls', () => {
  it('nulls each list item path and reports one error per path', () => {
    const { unauthorized } = analyze('{ products(first: 2) { name cost } }', user());
    const data = {
      products: [
        { name: 'a', [PLACEHOLDER_KEY]: 'Product' },
        { name: 'b', [PLACEHOLDER_KEY]: 'Product' },
      ],
    };
    const result = applyUnauthorizedNulls(schema, data, unauthorized);
    expect(result.data).toEqual({
      products: [
        { name: 'a', cost: null },
        { name: 'b', cost: null },
      ],
    });
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: ['products', 0, 'cost'],
        extensions: expect.objectContaining({ code: 'UNAUTHORIZED_FIELD_OR_TYPE' }),
      }),
      expect.objectContaining({ path: ['products', 1, 'cost'] }),
    ]);
  });

  it('propagates null through non-null fields as execution would', () => {
    // internalNote: String! → the Product becomes null; products: [Product!]! → the whole list, and data, become null
    const { unauthorized } = analyze('{ products(first: 1) { name internalNote } categories { id } }', null);
    const result = applyUnauthorizedNulls(
      schema,
      { products: [{ name: 'a', [PLACEHOLDER_KEY]: 'Product' }], categories: [] },
      unauthorized,
    );
    expect(result.data).toBeNull();
    expect(result.errors).toEqual([expect.objectContaining({ path: ['products', 0, 'internalNote'] })]);
  });

  it('stops at a nullable parent', () => {
    const { unauthorized } = analyze('{ product(id: "1") { name internalNote } }', null);
    const result = applyUnauthorizedNulls(
      schema,
      { product: { name: 'a', [PLACEHOLDER_KEY]: 'Product' } },
      unauthorized,
    );
    expect(result.data).toEqual({ product: null });
  });
});
