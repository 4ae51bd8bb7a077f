import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SchemaChange } from '../changes/types';
import type { RegistryDatabase } from '../db/openDatabase';
import { productsSdl } from '../db/testing/fixtures';
import { backendTitle, openTestDatabase, storageBackends } from '../db/testing/testDatabase';
import { ingestUsageReport } from '../usage/testing/ingestUsageReport';
import { clientEntry, operationEntry, signatureOf, usageReport } from '../usage/testing/reportFixtures';
import { checkSubgraph } from './checkSubgraph';
import { publishSubgraph } from './publishSubgraph';
import { affectedCoordinates, defaultCheckUsage, resolveCheckUsageOptions } from './usageAwareChecks';

const servedApiSdl = /* GraphQL */ `
  type Query { products(filter: Filter, first: Int): [Product!]! search: [Result!]! }
  type Product { id: ID! name: String! color: Color }
  type Review { id: ID! body: String! }
  union Result = Product | Review
  enum Color { RED GREEN }
  input Filter { color: Color name: String }
`;

function change(type: string, coordinate: string): SchemaChange {
  return { id: `${type}:${coordinate}`, type, criticality: 'BREAKING', coordinate, message: '' };
}

describe('affectedCoordinates', () => {
  it('names the removed or changed element itself as the collector reports it', () => {
    expect(affectedCoordinates(change('FIELD_REMOVED', 'Product.name'), servedApiSdl)).toEqual(['Product.name']);
    expect(affectedCoordinates(change('FIELD_TYPE_CHANGED', 'Product.name'), servedApiSdl)).toEqual(['Product.name']);
    expect(affectedCoordinates(change('FIELD_ARGUMENT_REMOVED', 'Query.products(first:)'), servedApiSdl)).toEqual([
      'Query.products(first:)',
    ]);
    expect(affectedCoordinates(change('INPUT_FIELD_REMOVED', 'Filter.name'), servedApiSdl)).toEqual(['Filter.name']);
    expect(affectedCoordinates(change('ENUM_VALUE_REMOVED', 'Color.GREEN'), servedApiSdl)).toEqual(['Color.GREEN']);
  });

  it('widens changes that break every use of a field or type', () => {
    expect(affectedCoordinates(change('FIELD_ARGUMENT_ADDED', 'Query.products(after:)'), servedApiSdl)).toEqual([
      'Query.products',
    ]);
    expect(affectedCoordinates(change('TYPE_REMOVED', 'Review'), servedApiSdl)).toEqual(['Review.id', 'Review.body']);
    expect(affectedCoordinates(change('INPUT_FIELD_ADDED', 'Filter.size'), servedApiSdl)).toEqual([
      'Query.products(filter:)',
    ]);
    expect(affectedCoordinates(change('UNION_MEMBER_REMOVED', 'Result'), servedApiSdl)).toEqual(['Query.search']);
  });

  it('cannot tell what a removed directive affects', () => {
    expect(affectedCoordinates(change('DIRECTIVE_REMOVED', '@cacheControl'), servedApiSdl)).toEqual([]);
  });
});

describe('resolveCheckUsageOptions', () => {
  it("lets a check's input override the registry defaults", () => {
    expect(resolveCheckUsageOptions(defaultCheckUsage, {})).toEqual({
      ...defaultCheckUsage,
      excludeClients: [],
      strict: false,
    });
    expect(
      resolveCheckUsageOptions(defaultCheckUsage, { usageWindow: '30d', excludeClients: ['ci'], strict: true }),
    ).toEqual({
      usageWindow: '30d',
      minRequests: 1,
      minPercent: 0,
      allowNoUsage: false,
      excludeClients: ['ci'],
      strict: true,
    });
    expect(resolveCheckUsageOptions(defaultCheckUsage, { allowNoUsage: true }).allowNoUsage).toBe(true);
    expect(resolveCheckUsageOptions({ ...defaultCheckUsage, allowNoUsage: true }, {}).allowNoUsage).toBe(true);
  });

  it('refuses a window that is not a duration', () => {
    expect(() => resolveCheckUsageOptions(defaultCheckUsage, { usageWindow: 'last week' })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
  });
});

const backends = await storageBackends();

const baseline = productsSdl('price: Float\nsku: String\nlegacy: String @deprecated(reason: "Use sku.")\nstock: Int');
const pricesQuery = 'query Prices { products { id price } }';
const stockQuery = 'query Stock { products { id stock } }';
const namesQuery = 'query Names { products { id name } }';

describe.each(backends)('usage-aware checks on $name', (backend) => {
  describe.skipIf(backend.skipReason !== undefined)(backendTitle(backend), () => {
    let db: RegistryDatabase;
    let close: () => Promise<void>;
    let graphCount = 0;
    const deps = () => ({ db, maxSdlBytes: 64 * 1024 });

    beforeAll(async () => {
      const opened = await openTestDatabase(backend);
      db = opened.db;
      close = opened.close;
    });
    afterAll(async () => close?.());

    /**
     * A graph serving `baseline`, with usage an hour ago: web 1.0 reads prices 5 times, ci-bot reads stock 3
     * times, and mobile 2.0 reads names 92 times (100 requests in all); and web 1.0 read sku 10 days ago.
     */
    async function usedGraph() {
      graphCount += 1;
      const graph = `checked${graphCount}`;
      await publishSubgraph(deps(), {
        graph,
        variant: 'prod',
        subgraph: 'products',
        url: 'http://products.test/graphql',
        sdl: baseline,
        create: true,
      });
      const anHourAgo = new Date(Date.now() - 3_600_000);
      await ingestUsageReport(
        db,
        usageReport(
          anHourAgo,
          [
            operationEntry(
              pricesQuery,
              ['Query.products', 'Product.id', 'Product.price'],
              [clientEntry('web', '1.0', 5)],
            ),
            operationEntry(
              stockQuery,
              ['Query.products', 'Product.id', 'Product.stock'],
              [clientEntry('ci-bot', 'dev', 3)],
            ),
            operationEntry(
              namesQuery,
              ['Query.products', 'Product.id', 'Product.name'],
              [clientEntry('mobile', '2.0', 92)],
            ),
          ],
          graph,
          'prod',
        ),
      );
      await ingestUsageReport(
        db,
        usageReport(
          new Date(Date.now() - 10 * 86_400_000),
          [
            operationEntry(
              'query Skus { products { sku } }',
              ['Query.products', 'Product.sku'],
              [clientEntry('web', '0.9', 4)],
            ),
          ],
          graph,
          'prod',
        ),
      );
      const check = (
        sdl: string,
        extra: { usageWindow?: string; excludeClients?: string[]; strict?: boolean } = {},
        checkUsage = defaultCheckUsage,
      ) => checkSubgraph({ ...deps(), checkUsage }, { graph, variant: 'prod', subgraph: 'products', sdl, ...extra });
      const publish = (sdl: string, extra: { force?: boolean } = {}) =>
        publishSubgraph(deps(), {
          graph,
          variant: 'prod',
          subgraph: 'products',
          url: 'http://products.test/graphql',
          sdl,
          ...extra,
        });
      return { check, publish };
    }

    const without = (field: string) => baseline.replace(new RegExp(`\\n\\s*${field}: .*`), '');

    it('blocks removing a field clients used in the window, naming the operations and clients', async () => {
      const { check } = await usedGraph();
      const result = await check(without('price'));
      expect(result.ok).toBe(false);
      expect(result.message).toContain('1 blocking');
      expect(result.changes).toEqual([
        expect.objectContaining({
          type: 'FIELD_REMOVED',
          coordinate: 'Product.price',
          blocking: true,
          usage: {
            requests: 5,
            percent: 5,
            clients: [{ name: 'web', version: '1.0', requests: 5 }],
            operations: [{ name: 'Prices', signature: signatureOf(pricesQuery), requests: 5 }],
            excludedClients: [],
            documents: [],
          },
        }),
      ]);
    });

    it('passes removing a field nobody used in the window, and counts older usage with a longer window', async () => {
      const { check } = await usedGraph();
      const recent = await check(without('sku'));
      expect(recent.ok).toBe(true);
      expect(recent.changes).toEqual([
        expect.objectContaining({
          coordinate: 'Product.sku',
          blocking: false,
          usage: expect.objectContaining({ requests: 0, clients: [] }),
        }),
      ]);
      const longer = await check(without('sku'), { usageWindow: '30d' });
      expect(longer.ok).toBe(false);
      expect(longer.changes[0]?.usage?.clients).toEqual([{ name: 'web', version: '0.9', requests: 4 }]);
    });

    it('leaves out excluded clients', async () => {
      const { check } = await usedGraph();
      expect((await check(without('stock'))).ok).toBe(false);
      const excluded = await check(without('stock'), { excludeClients: ['ci-bot'] });
      expect(excluded.ok).toBe(true);
      expect(excluded.changes[0]).toMatchObject({
        blocking: false,
        usage: { requests: 0, clients: [], operations: [], excludedClients: ['ci-bot'] },
      });
    });

    it("blocks only above a share of the variant's traffic when a percentage is set", async () => {
      const { check } = await usedGraph();
      // Prices: 5 of 100 requests.
      const tolerant = await check(without('price'), {}, { ...defaultCheckUsage, minPercent: 10 });
      expect(tolerant.ok).toBe(true);
      expect(tolerant.changes[0]).toMatchObject({ blocking: false, usage: { requests: 5, percent: 5 } });
      expect((await check(without('price'), {}, { ...defaultCheckUsage, minPercent: 5 })).ok).toBe(false);
      // Names: 92 %, but under a request count of 100.
      expect((await check(without('name'), {}, { ...defaultCheckUsage, minRequests: 100 })).ok).toBe(true);
    });

    it('in strict mode blocks unused removals that were not deprecated first, and passes deprecated ones', async () => {
      const { check } = await usedGraph();
      const notDeprecated = await check(without('sku'), { strict: true });
      expect(notDeprecated.ok).toBe(false);
      expect(notDeprecated.message).toContain('strict');
      const deprecated = await check(without('legacy'), { strict: true });
      expect(deprecated.ok).toBe(true);
      expect(deprecated.changes).toEqual([expect.objectContaining({ coordinate: 'Product.legacy', blocking: false })]);
    });

    it('refuses to publish a breaking change clients use, naming them, unless forced; the version keeps who used it', async () => {
      const { publish } = await usedGraph();
      const blocked = await publish(without('price'));
      expect(blocked.status).toBe('BLOCKED_BY_USAGE');
      expect(blocked.message).toContain('web 1.0 (5) in Prices');
      expect(blocked.message).toContain('--force');
      expect(blocked.supergraphVersion?.version).toBe(1);
      expect(blocked.changes).toEqual([
        expect.objectContaining({
          coordinate: 'Product.price',
          blocking: true,
          usage: expect.objectContaining({ requests: 5 }),
        }),
      ]);

      // Nobody used sku in the window: no force needed.
      expect((await publish(without('sku'))).status).toBe('PUBLISHED');

      const forced = await publish(without('sku').replace(/\n\s*price: .*/, ''), { force: true });
      expect(forced.status).toBe('PUBLISHED');
      expect(forced.supergraphVersion?.version).toBe(3);
      expect(forced.message).toContain('Forced over 1 breaking change(s) in use: web 1.0 (5) in Prices');
      expect(forced.changes).toEqual([
        expect.objectContaining({
          coordinate: 'Product.price',
          blocking: true,
          usage: expect.objectContaining({ clients: [{ name: 'web', version: '1.0', requests: 5 }] }),
        }),
      ]);
    });

    it('never blocks on safe changes', async () => {
      const { check } = await usedGraph();
      expect(await check(baseline)).toMatchObject({ ok: true, changes: [] });
      const added = await check(baseline.replace('stock: Int', 'stock: Int\n  weight: Float'));
      expect(added.ok).toBe(true);
      expect(added.changes).toEqual([expect.objectContaining({ criticality: 'SAFE', blocking: false, usage: null })]);
    });
  });
});
