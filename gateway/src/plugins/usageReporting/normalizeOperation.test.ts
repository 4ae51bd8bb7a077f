import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { normalizeOperation } from './normalizeOperation';

const normalize = (source: string, operationName?: string) => normalizeOperation(parse(source), operationName);

describe('normalizeOperation', () => {
  it('gives the same signature whatever the formatting, literal values, aliases and field order', () => {
    const a = normalize(`query Shop { products(first: 10, filter: { name: "lamp" }) { id name } }`);
    const b = normalize(`
      query Shop {
        items: products(filter: {name: "desk", color: RED}, first: 99) {
          name
          id
        }
      }`);
    expect(a?.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(b?.signature).toBe(a?.signature);
    expect(a?.document).toBe('query Shop{products(filter:{},first:0){id name}}');
  });

  it('hides every literal value, so client data never leaves the gateway', () => {
    const normalized = normalize(
      `query Q($x: Int = 5) { product(id: "secret-id") { name } topReviews(first: 3) { stars } }`,
    );
    expect(normalized?.document).not.toContain('secret-id');
    expect(normalized?.document).toBe('query Q($x:Int=0){product(id:""){name}topReviews(first:0){stars}}');
  });

  it('gives different signatures to different selections and keeps only the operation that runs', () => {
    const twoOperations = `query A { products { id } } query B { products { name } ...F } fragment F on Query { topReviews { id } }`;
    const a = normalize(twoOperations, 'A');
    const b = normalize(twoOperations, 'B');
    expect(a).toMatchObject({ name: 'A', type: 'query', document: 'query A{products{id}}' });
    expect(b?.document).toBe('query B{products{name}...F}fragment F on Query{topReviews{id}}');
    expect(a?.signature).not.toBe(b?.signature);
    expect(normalize(twoOperations)).toBeUndefined();
    expect(normalize(twoOperations, 'C')).toBeUndefined();
  });

  it('names anonymous operations with an empty name and keeps their type', () => {
    expect(normalize('mutation { products { id } }')).toMatchObject({
      name: '',
      type: 'mutation',
      document: 'mutation{products{id}}',
    });
  });
});
