import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { flattenExports, installFlatFederationExports } from './flatFederationExports';

describe('flattenExports', () => {
  it("turns TypeScript's re-export getters into plain properties with the same values", () => {
    class Schema {}
    const inner = { isObjectType: () => true, Schema, typenameFieldName: '__typename' };
    const reexported = {};
    Object.defineProperty(reexported, '__esModule', { value: true });
    for (const name of Object.keys(inner)) {
      Object.defineProperty(reexported, name, { enumerable: true, get: () => inner[name as keyof typeof inner] });
    }
    const flat = flattenExports(reexported);
    expect(Object.getOwnPropertyDescriptor(flat, 'isObjectType')?.get).toBeUndefined();
    expect(flat.isObjectType).toBe(inner.isObjectType);
    expect(flat.Schema).toBe(Schema);
    expect(flat.typenameFieldName).toBe('__typename');
    expect((flat as { __esModule?: boolean }).__esModule).toBe(true);
  });
});

describe('installFlatFederationExports', () => {
  it('makes @apollo/gateway load @apollo/federation-internals with plain properties, the same functions', () => {
    const require = createRequire(import.meta.url);
    const fromGateway = createRequire(require.resolve('@apollo/gateway'));
    installFlatFederationExports();
    const internals = fromGateway('@apollo/federation-internals') as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(internals, 'isObjectType')).toMatchObject({ writable: true });
    expect(typeof internals.isObjectType).toBe('function');
    expect(typeof internals.Supergraph).toBe('function');
    expect(Object.keys(internals).length).toBeGreaterThan(250);
  });
});
