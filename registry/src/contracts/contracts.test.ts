import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createComposer, defaultCompositionSettings } from '../composition/createComposer';
import type { RegistryDatabase } from '../db/openDatabase';
import { backendTitle, openTestDatabase, storageBackends } from '../db/testing/testDatabase';
import { checkSubgraph } from '../publishing/checkSubgraph';
import { publishSubgraph } from '../publishing/publishSubgraph';
import { findVariant } from '../repositories/graphRepository';
import { findSchemaChangesOf, listSupergraphVersions } from '../repositories/supergraphVersionRepository';
import { readServedState } from '../versions/readServedState';
import { rollbackSupergraph } from '../versions/rollbackSupergraph';
import { filterContracts } from './filterContracts';
import { createContract, deleteContract, listContracts } from './manageContracts';

// A plain third-party-style graph: keys and tags only, no cost, list-size or auth directives.
const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@tag"])';
const products = (extra = '') => /* GraphQL */ `${link}
type Query { products: [Product!]! }
type Product @key(fields: "id") {
  id: ID!
  name: String!
  cost: Float @tag(name: "internal")
  ${extra}
}
type Supplier @tag(name: "internal") { name: String! }
`;

const backends = await storageBackends();

describe.each(backends)('contracts on $name', (backend) => {
  describe.skipIf(backend.skipReason !== undefined)(backendTitle(backend), () => {
    let db: RegistryDatabase;
    let close: () => Promise<void>;
    let count = 0;
    let graph = '';

    beforeAll(async () => {
      const opened = await openTestDatabase(backend);
      db = opened.db;
      close = opened.close;
    });
    afterAll(async () => close?.());

    const publish = (sdl: string, variant = 'prod') =>
      publishSubgraph(
        { db, maxSdlBytes: 64 * 1024 },
        { graph, variant, subgraph: 'products', url: 'http://products.test/graphql', sdl, create: true },
      );
    const served = async (variant: string) => {
      const ref = await findVariant(db, graph, variant);
      return readServedState(db, ref?.variantId ?? '');
    };
    const productFields = async (variant: string) => {
      const type = buildSchema((await served(variant)).latest?.apiSdl ?? '').getType('Product');
      return type && 'getFields' in type ? Object.keys(type.getFields()) : [];
    };
    async function newGraphWithContract() {
      count += 1;
      graph = `contracts${count}`;
      await publish(products());
      return createContract(db, { graph, variant: 'public', source: 'prod', exclude: ['internal'] });
    }

    it('serves the source filtered by tags from the moment it is created', async () => {
      const contract = await newGraphWithContract();
      expect(contract).toMatchObject({ variant: 'public', source: 'prod', excludeTags: ['internal'], includeTags: [] });
      expect(await productFields('prod')).toEqual(['id', 'name', 'cost']);
      expect(await productFields('public')).toEqual(['id', 'name']);
      const publicState = await served('public');
      expect(publicState.latest?.version).toBe(1);
      expect(publicState.latest?.apiSdl).not.toContain('Supplier');
      // The same subgraph versions, so a gateway on the contract plans against the same services.
      expect(publicState.subgraphs.map((subgraph) => subgraph.url)).toEqual(['http://products.test/graphql']);
      expect(await listContracts(db, graph)).toEqual([expect.objectContaining({ variant: 'public' })]);
    });

    it('follows every publish of its source, with its own changes', async () => {
      await newGraphWithContract();
      await publish(products('sku: String'));
      const publicState = await served('public');
      expect(publicState.latest?.version).toBe(2);
      expect(await productFields('public')).toEqual(['id', 'name', 'sku']);
      // A change only to filtered elements changes nothing in the contract's API (its supergraph still follows, for
      // the subgraph versions a gateway plans with).
      const internalOnly = await publish(products('sku: String\nmargin: Float @tag(name: "internal")'));
      expect(internalOnly.supergraphVersion?.version).toBe(3);
      expect(await productFields('public')).toEqual(['id', 'name', 'sku']);
      const ref = await findVariant(db, graph, 'public');
      const versions = await listSupergraphVersions(db, ref?.variantId ?? '', 5);
      const changes = await findSchemaChangesOf(
        db,
        versions.map((version) => version.id),
      );
      expect(versions.map((version) => [version.version, changes.get(version.id)?.length])).toEqual([
        [3, 0],
        [2, 1],
        [1, 0],
      ]);
    });

    it('follows a rollback of its source', async () => {
      await newGraphWithContract();
      await publish(products('sku: String'));
      expect(await productFields('public')).toEqual(['id', 'name', 'sku']);
      await rollbackSupergraph(db, { graph, variant: 'prod', toVersion: 1 });
      expect(await productFields('public')).toEqual(['id', 'name']);
      expect((await served('public')).latest?.version).toBe(3);
    });

    it('refuses a source publish that would break the contract, and the check too', async () => {
      await newGraphWithContract();
      const leaky = products('supplier: Supplier');
      const check = await checkSubgraph(
        { db, maxSdlBytes: 64 * 1024 },
        { graph, variant: 'prod', subgraph: 'products', sdl: leaky, allowNoUsage: true },
      );
      expect(check.ok).toBe(false);
      expect(check.contracts).toEqual([
        expect.objectContaining({
          variant: 'public',
          ok: false,
          errors: [expect.objectContaining({ code: 'REFERENCED_INACCESSIBLE' })],
        }),
      ]);
      const result = await publish(leaky);
      expect(result.status).toBe('COMPOSITION_FAILED');
      expect(result.message).toContain(`breaks its contract(s) ${graph}@public`);
      expect(result.errors[0]?.message).toMatch(
        /^Contract contracts\d+@public no longer composes: .*Product\.supplier/,
      );
      expect((await served('prod')).latest?.version).toBe(1);
      expect((await served('public')).latest?.version).toBe(1);
    });

    it('reports what a check would change in each contract', async () => {
      await newGraphWithContract();
      const check = await checkSubgraph(
        { db, maxSdlBytes: 64 * 1024 },
        {
          graph,
          variant: 'prod',
          subgraph: 'products',
          sdl: products('sku: String\nmargin: Float @tag(name: "internal")'),
        },
      );
      expect(check.ok).toBe(true);
      expect(check.changes.map((change) => change.coordinate).sort()).toEqual(['Product.margin', 'Product.sku']);
      expect(check.contracts).toEqual([
        {
          variant: 'public',
          ok: true,
          errors: [],
          changes: [expect.objectContaining({ type: 'FIELD_ADDED', coordinate: 'Product.sku' })],
        },
      ]);
    });

    it('refuses publishing to the contract itself, and bad definitions', async () => {
      await newGraphWithContract();
      await expect(publish(products(), 'public')).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        message: expect.stringContaining('is a contract of'),
      });
      const refusals: [Parameters<typeof createContract>[1], string][] = [
        [{ graph, variant: 'partner', source: 'prod' }, 'BAD_USER_INPUT'],
        [{ graph, variant: 'partner', source: 'prod', include: ['bad tag!'] }, 'BAD_USER_INPUT'],
        [
          { graph, variant: 'partner', source: 'prod', include: Array.from({ length: 51 }, (_, i) => `t${i}`) },
          'BAD_USER_INPUT',
        ],
        [{ graph, variant: 'prod', source: 'prod', exclude: ['x'] }, 'BAD_USER_INPUT'],
        [{ graph, variant: 'partner', source: 'missing', exclude: ['x'] }, 'VARIANT_NOT_FOUND'],
        [{ graph, variant: 'public', source: 'prod', exclude: ['x'] }, 'ALREADY_EXISTS'],
        [{ graph, variant: 'other', source: 'public', exclude: ['x'] }, 'BAD_USER_INPUT'],
        [{ graph, variant: 'partner', source: 'prod', include: ['nothing-has-this'] }, 'COMPOSITION_FAILED'],
      ];
      for (const [input, code] of refusals) {
        await expect(createContract(db, input), JSON.stringify(input).slice(0, 90)).rejects.toMatchObject({ code });
      }
      // Nothing was left half-made by the refused ones.
      expect(await findVariant(db, graph, 'partner')).toBeUndefined();
    });

    it('filters in the composition worker, and again here only when the contracts changed meanwhile', async () => {
      await newGraphWithContract();
      const composer = createComposer({ ...defaultCompositionSettings, workers: 0, cacheBytes: 0 });
      const outcome = await composer.compose({
        subgraphs: [{ name: 'products', url: 'http://products.test/graphql', sdl: products('sku: String') }],
        servedApiSdl: null,
        contracts: [{ include: [], exclude: ['internal'] }],
      });
      if (outcome.kind !== 'composed') throw new Error(outcome.kind);
      expect(outcome.contracts).toEqual([expect.objectContaining({ ok: true })]);
      const source = await findVariant(db, graph, 'prod');
      const sentinel = { ok: false as const, errors: [{ code: 'FROM_THE_WORKER', message: 'reused' }] };
      const reused = await filterContracts(db, source?.variantId ?? '', outcome.supergraphSdl, {
        filters: [{ include: [], exclude: ['internal'] }],
        results: [sentinel],
      });
      expect(reused.map((entry) => entry.result)).toEqual([sentinel]);
      const stale = await filterContracts(db, source?.variantId ?? '', outcome.supergraphSdl, {
        filters: [{ include: [], exclude: ['other'] }],
        results: [sentinel],
      });
      expect(stale[0]?.result.ok).toBe(true);
      await composer.close();
    });

    it('stops following its source once deleted', async () => {
      await newGraphWithContract();
      await deleteContract(db, { graph, variant: 'public' });
      await publish(products('sku: String'));
      expect((await served('public')).latest?.version).toBe(1);
      await expect(deleteContract(db, { graph, variant: 'public' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });
});
