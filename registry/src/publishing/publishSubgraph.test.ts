import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Composer, composerOf } from '../composition/composerOf';
import type { RegistryDatabase } from '../db/openDatabase';
import { fieldSubgraphSdl, productsSdl, reviewsSdl } from '../db/testing/fixtures';
import { backendTitle, openTestDatabase, storageBackends } from '../db/testing/testDatabase';
import { findVariant } from '../repositories/graphRepository';
import {
  findLinkedSubgraphVersions,
  findSchemaChangesOf,
  listSupergraphVersions,
} from '../repositories/supergraphVersionRepository';
import type { Principal } from '../tokens/Principal';
import { diffSupergraphVersions } from '../versions/diffSupergraphVersions';
import { readServedState } from '../versions/readServedState';
import { rollbackSupergraph } from '../versions/rollbackSupergraph';
import { checkSubgraph } from './checkSubgraph';
import { deleteSubgraph } from './deleteSubgraph';
import { type PublishSubgraphInput, publishSubgraph } from './publishSubgraph';
import { defaultCheckUsage } from './usageAwareChecks';

const fed = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@override"])';
const ownerA = `${fed}\ntype Query { items: [Item!]! }\ntype Item @key(fields: "id") { id: ID! }`;
const ownerB = `${fed}\ntype Item @key(fields: "id") { id: ID! bSecret: String }`;
const takeFromB = (label = '') =>
  `${fed}\ntype Query { items: [Item!]! }\ntype Item @key(fields: "id") { id: ID! bSecret: String @override(from: "b"${label}) }`;
function token(graph: string, scope: Principal['scope'], subgraphs: string[] = []): Principal {
  return { tokenId: 't', name: 'ci', scope, graph: scope === 'ADMIN' ? null : graph, subgraphs };
}

const backends = await storageBackends();

describe.each(backends)('publishing on $name', (backend) => {
  describe.skipIf(backend.skipReason !== undefined)(backendTitle(backend), () => {
    let db: RegistryDatabase;
    let close: () => Promise<void>;
    let graphCount = 0;

    beforeAll(async () => {
      const opened = await openTestDatabase(backend);
      db = opened.db;
      close = opened.close;
    });
    afterAll(async () => close?.());

    /** A fresh graph per test, so tests share the database but not their state. */
    function newGraph() {
      graphCount += 1;
      const graph = `graph${graphCount}`;
      const publish = (subgraph: string, sdl: string, extra: Partial<PublishSubgraphInput> = {}) =>
        publishSubgraph(
          { db, maxSdlBytes: 64 * 1024 },
          { graph, variant: 'current', subgraph, url: `http://${subgraph}.test/graphql`, sdl, create: true, ...extra },
        );
      const served = async () => {
        const variant = await findVariant(db, graph, 'current');
        if (!variant) throw new Error(`graph ${graph} was not created`);
        return readServedState(db, variant.variantId);
      };
      const versions = async () => {
        const variant = await findVariant(db, graph, 'current');
        return variant ? (await listSupergraphVersions(db, variant.variantId, 100)).map((row) => row.version) : [];
      };
      return { graph, publish, served, versions };
    }

    it.each([
      { who: 'a PUBLISH token for a', scope: 'PUBLISH', subgraphs: ['a'], label: '', refused: true },
      {
        who: 'a PUBLISH token for a (progressive label)',
        scope: 'PUBLISH',
        subgraphs: ['a'],
        label: ', label: "percent(5)"',
        refused: true,
      },
      { who: 'a PUBLISH token for a and b', scope: 'PUBLISH', subgraphs: ['a', 'b'], label: '', refused: false },
      { who: 'a PUBLISH token for the whole graph', scope: 'PUBLISH', subgraphs: [], label: '', refused: false },
      { who: 'an ADMIN token', scope: 'ADMIN', subgraphs: [], label: '', refused: false },
    ] as const)(
      "ownership: $who taking b's field with @override is refused=$refused, in check and publish",
      async (row) => {
        const { graph, publish, versions } = newGraph();
        await publish('a', ownerA);
        await publish('b', ownerB);
        const principal = token(graph, row.scope, [...row.subgraphs]);
        const deps = { db, maxSdlBytes: 64 * 1024, principal };
        const sdl = takeFromB(row.label);
        // One after the other: a refusal of a promise nobody awaits yet would surface as an unhandled rejection.
        const check = () => checkSubgraph(deps, { graph, variant: 'current', subgraph: 'a', sdl });
        const published = () =>
          publishSubgraph(deps, { graph, variant: 'current', subgraph: 'a', url: 'http://a.test/graphql', sdl });
        if (row.refused) {
          const refusal = expect.objectContaining({
            code: 'FORBIDDEN',
            message: expect.stringContaining('Item.bSecret away from subgraph "b"'),
            extensions: expect.objectContaining({ field: 'Item.bSecret', owner: 'b' }),
          });
          await expect(check()).rejects.toEqual(refusal);
          await expect(published()).rejects.toEqual(refusal);
          expect(await versions()).toEqual([2, 1]);
        } else {
          const moved = expect.objectContaining({
            type: 'FIELD_OWNERSHIP_MOVED',
            criticality: 'DANGEROUS',
            coordinate: 'Item.bSecret',
            message: expect.stringContaining("moves from subgraph 'b' to 'a'"),
          });
          const checked = await check();
          expect(checked).toMatchObject({ errors: [] });
          expect(checked.changes).toContainEqual(moved);
          const result = await published();
          expect(result).toMatchObject({ status: 'PUBLISHED', supergraphVersion: { version: 3 } });
          expect(result.changes).toContainEqual(moved);
          expect(result.supergraphVersion?.changelog).toContain('## 🔀 Ownership moves (1)');
        }
      },
    );

    it('publishes the first subgraph as version 1, every field a safe addition', async () => {
      const { publish, served } = newGraph();
      const result = await publish('products', productsSdl(), { author: 'ada', commit: 'abc123', owner: 'team-a' });
      expect(result).toMatchObject({ status: 'PUBLISHED', errors: [], supergraphVersion: { version: 1 } });
      expect(result.changes.length).toBeGreaterThan(0);
      expect(result.changes.every((change) => change.criticality === 'SAFE')).toBe(true);
      const state = await served();
      expect(state.latest?.supergraphSdl).toContain(
        'join__graph(name: "products", url: "http://products.test/graphql")',
      );
      expect(state.latest?.apiSdl).toContain('products: [Product!]!');
      expect(state.latest?.changelog).not.toBe('');
      expect(state.subgraphs).toEqual([
        expect.objectContaining({ subgraph: 'products', owner: 'team-a', author: 'ada', commit: 'abc123' }),
      ]);
    });

    it('answers UNCHANGED for the same SDL and URL, storing nothing', async () => {
      const { publish, versions } = newGraph();
      await publish('products', productsSdl());
      const again = await publish('products', productsSdl());
      expect(again).toMatchObject({ status: 'UNCHANGED', changes: [], supergraphVersion: { version: 1 } });
      expect(await versions()).toEqual([1]);
    });

    it('publishes a new version when only the routing URL changes', async () => {
      const { publish, served } = newGraph();
      await publish('products', productsSdl());
      const moved = await publish('products', productsSdl(), { url: 'http://products-2.test/graphql' });
      expect(moved).toMatchObject({ status: 'PUBLISHED', supergraphVersion: { version: 2 }, changes: [] });
      expect((await served()).latest?.supergraphSdl).toContain('http://products-2.test/graphql');
    });

    it('rejects invalid SDL with line and column, changing nothing', async () => {
      const { publish, versions } = newGraph();
      await publish('products', productsSdl());
      const result = await publish('products', 'type Query {\n  broken:\n}\n');
      expect(result.status).toBe('INVALID_SDL');
      expect(result.supergraphVersion).toBeNull();
      expect(result.errors[0]).toMatchObject({ subgraph: 'products', line: 3, column: 1 });
      expect(await versions()).toEqual([1]);
    });

    it('keeps serving the previous version when composition fails', async () => {
      const { publish, served, versions } = newGraph();
      await publish('products', productsSdl());
      const before = (await served()).latest;
      // `Product.name` is String! in products; a second, non-shareable definition as Int! cannot compose.
      const result = await publish('reviews', reviewsSdl().replace('reviews: [Review!]!', 'name: Int!'));
      expect(result.status).toBe('COMPOSITION_FAILED');
      expect(result.errors.length).toBeGreaterThan(0);
      expect(result.supergraphVersion?.version).toBe(1);
      expect(await versions()).toEqual([1]);
      const after = await served();
      expect(after.latest?.hash).toBe(before?.hash);
      expect(after.subgraphs.map((subgraph) => subgraph.subgraph)).toEqual(['products']);
    });

    it('stores each change class with its coordinate and message', async () => {
      const { publish } = newGraph();
      await publish('products', productsSdl('price: Float\ncolor: Color\n}\nenum Color {\n  RED'));
      const safe = await publish(
        'products',
        productsSdl('price: Float\nweight: Int\ncolor: Color\n}\nenum Color {\n  RED'),
      );
      const dangerous = await publish(
        'products',
        productsSdl('price: Float\nweight: Int\ncolor: Color\n}\nenum Color {\n  RED\n  GREEN'),
      );
      const breaking = await publish(
        'products',
        productsSdl('weight: Int\ncolor: Color\n}\nenum Color {\n  RED\n  GREEN'),
      );

      expect(safe.changes).toEqual([
        expect.objectContaining({ type: 'FIELD_ADDED', criticality: 'SAFE', coordinate: 'Product.weight' }),
      ]);
      expect(dangerous.changes).toEqual([
        expect.objectContaining({ type: 'ENUM_VALUE_ADDED', criticality: 'DANGEROUS', coordinate: 'Color.GREEN' }),
      ]);
      expect(breaking.changes).toEqual([
        expect.objectContaining({ type: 'FIELD_REMOVED', criticality: 'BREAKING', coordinate: 'Product.price' }),
      ]);

      const ids = [safe, dangerous, breaking].map((result) => result.supergraphVersion?.id ?? '');
      const stored = await findSchemaChangesOf(db, ids);
      expect(stored.get(ids[0] ?? '')).toEqual(safe.changes);
      expect(stored.get(ids[1] ?? '')).toEqual(dangerous.changes);
      expect(stored.get(ids[2] ?? '')).toEqual([
        expect.objectContaining({
          criticality: 'BREAKING',
          coordinate: 'Product.price',
          message: expect.stringContaining('Product.price'),
        }),
      ]);
    });

    it('serialises ten concurrent publishes into versions 1..10 with all ten fields', async () => {
      const { publish, served, versions } = newGraph();
      const names = Array.from({ length: 10 }, (_, i) => `team${i}`);
      const results = await Promise.all(names.map((name) => publish(name, fieldSubgraphSdl(name))));
      expect(results.map((result) => result.status)).toEqual(names.map(() => 'PUBLISHED'));
      expect(results.map((result) => result.supergraphVersion?.version).sort((a = 0, b = 0) => a - b)).toEqual([
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
      ]);
      expect(await versions()).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
      const state = await served();
      for (const name of names) expect(state.latest?.apiSdl).toContain(`${name}Field: String`);
      expect(state.subgraphs).toHaveLength(10);
    });

    it('checks without creating a version; on a variant without usage a breaking change blocks unless allowed', async () => {
      const { graph, publish, versions } = newGraph();
      await publish('products', productsSdl('price: Float'));
      const deps = { db, maxSdlBytes: 64 * 1024 };
      const safe = await checkSubgraph(deps, {
        graph,
        variant: 'current',
        subgraph: 'products',
        sdl: productsSdl('price: Float\nsku: String'),
      });
      expect(safe).toMatchObject({ ok: true, errors: [] });
      expect(safe.changes).toEqual([expect.objectContaining({ criticality: 'SAFE', coordinate: 'Product.sku' })]);
      const breaking = await checkSubgraph(deps, {
        graph,
        variant: 'current',
        subgraph: 'products',
        sdl: productsSdl(),
      });
      expect(breaking.ok).toBe(false);
      expect(breaking.message).toContain(`${graph}@current received no usage in the last 7d`);
      expect(breaking.message).toContain('--allow-no-usage');
      expect(breaking.changes).toEqual([
        expect.objectContaining({ criticality: 'BREAKING', coordinate: 'Product.price', blocking: true }),
      ]);
      const accepted = await checkSubgraph(deps, {
        graph,
        variant: 'current',
        subgraph: 'products',
        sdl: productsSdl(),
        allowNoUsage: true,
      });
      expect(accepted.ok).toBe(true);
      expect(accepted.changes).toEqual([
        expect.objectContaining({ criticality: 'BREAKING', coordinate: 'Product.price', blocking: false }),
      ]);
      const byRegistry = await checkSubgraph(
        { ...deps, checkUsage: { ...defaultCheckUsage, allowNoUsage: true } },
        { graph, variant: 'current', subgraph: 'products', sdl: productsSdl() },
      );
      expect(byRegistry.ok).toBe(true);
      const strict = await checkSubgraph(deps, {
        graph,
        variant: 'current',
        subgraph: 'products',
        sdl: productsSdl(),
        strict: true,
        allowNoUsage: true,
      });
      expect(strict.ok).toBe(false);
      expect(strict.changes).toEqual([
        expect.objectContaining({ criticality: 'BREAKING', coordinate: 'Product.price', blocking: true }),
      ]);
      const broken = await checkSubgraph(deps, {
        graph,
        variant: 'current',
        subgraph: 'products',
        sdl: 'type Query {',
      });
      expect(broken).toMatchObject({ ok: false, errors: [expect.objectContaining({ line: 1 })] });
      expect(await versions()).toEqual([1]);
    });

    it('deletes a subgraph by composing the others into a new version', async () => {
      const { graph, publish, served } = newGraph();
      await publish('products', productsSdl());
      await publish('reviews', reviewsSdl());
      const result = await deleteSubgraph(db, { graph, variant: 'current', subgraph: 'reviews' });
      expect(result).toMatchObject({ status: 'PUBLISHED', supergraphVersion: { version: 3 } });
      expect(result.changes).toContainEqual(
        expect.objectContaining({ criticality: 'BREAKING', coordinate: 'Product.reviews' }),
      );
      const state = await served();
      expect(state.subgraphs.map((subgraph) => subgraph.subgraph)).toEqual(['products']);
      expect(state.latest?.apiSdl).not.toContain('Review');
      await expect(deleteSubgraph(db, { graph, variant: 'current', subgraph: 'reviews' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('deletes a subgraph composing before the lock: a publish landing meanwhile is kept, composed once more', async () => {
      const { graph, publish, served } = newGraph();
      await publish('products', productsSdl());
      await publish('reviews', reviewsSdl());
      const inline = composerOf({});
      const composedFor: string[][] = [];
      let landed: Awaited<ReturnType<typeof publish>> | undefined;
      const composer: Composer = {
        async compose(task) {
          if (task.changed === undefined) {
            composedFor.push(task.subgraphs.map((subgraph) => subgraph.name));
            // While the delete composes, a publish to the same variant goes through: the delete holds no lock yet
            // (under the lock this publish would wait for the delete, and the delete for it).
            landed ??= await publish('products', productsSdl('price: Float'));
          }
          return inline.compose(task);
        },
        close: () => inline.close(),
      };
      const result = await deleteSubgraph(db, { graph, variant: 'current', subgraph: 'reviews' }, { composer });
      expect(landed).toMatchObject({ status: 'PUBLISHED', supergraphVersion: { version: 3 } });
      expect(result).toMatchObject({ status: 'PUBLISHED', supergraphVersion: { version: 4 } });
      // Composed against version 2 first, then once more against version 3 under the lock.
      expect(composedFor).toEqual([['products'], ['products']]);
      const state = await served();
      expect(state.subgraphs.map((subgraph) => subgraph.subgraph)).toEqual(['products']);
      expect(state.latest?.apiSdl).toContain('price: Float');
      expect(state.latest?.apiSdl).not.toContain('Review');
    });

    it('rolls back by storing the old content as a new version, re-linking its subgraph versions', async () => {
      const { graph, publish, served } = newGraph();
      const first = await publish('products', productsSdl());
      await publish('products', productsSdl('price: Float'));
      const rolledBack = await rollbackSupergraph(db, { graph, variant: 'current', toVersion: 1 });
      expect(rolledBack).toMatchObject({ version: 3, rolledBackFrom: 1, hash: first.supergraphVersion?.hash });
      expect((await findSchemaChangesOf(db, [rolledBack.id])).get(rolledBack.id)).toEqual([
        expect.objectContaining({ criticality: 'BREAKING', coordinate: 'Product.price' }),
      ]);
      const linked = await findLinkedSubgraphVersions(db, rolledBack.id);
      const original = await findLinkedSubgraphVersions(db, first.supergraphVersion?.id ?? '');
      expect(linked.map((version) => version.id)).toEqual(original.map((version) => version.id));
      // The restored SDL is current again: publishing it once more changes nothing.
      expect((await publish('products', productsSdl())).status).toBe('UNCHANGED');
      expect((await served()).latest?.version).toBe(3);
      await expect(rollbackSupergraph(db, { graph, variant: 'current', toVersion: 9 })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('diffs any two versions in either direction', async () => {
      const { graph, publish } = newGraph();
      await publish('products', productsSdl());
      await publish('products', productsSdl('price: Float'));
      await publish('products', productsSdl('price: Float\nsku: String'));
      const forward = await diffSupergraphVersions(db, { graph, variant: 'current', from: 1, to: 3 });
      expect(forward.map((change) => [change.criticality, change.coordinate]).sort()).toEqual([
        ['SAFE', 'Product.price'],
        ['SAFE', 'Product.sku'],
      ]);
      const backward = await diffSupergraphVersions(db, { graph, variant: 'current', from: 3, to: 2 });
      expect(backward).toEqual([expect.objectContaining({ criticality: 'BREAKING', coordinate: 'Product.sku' })]);
      await expect(diffSupergraphVersions(db, { graph, variant: 'current', from: 1, to: 7 })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('refuses SDL over the size limit with SCHEMA_TOO_LARGE', async () => {
      const { publish } = newGraph();
      const huge = productsSdl(`# ${'x'.repeat(70 * 1024)}`);
      await expect(publish('products', huge)).rejects.toMatchObject({ code: 'SCHEMA_TOO_LARGE', status: 413 });
    });
  });
});
