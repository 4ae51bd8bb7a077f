import { graphql } from 'graphql';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RegistryDatabase } from '../../db/openDatabase';
import { productsSdl } from '../../db/testing/fixtures';
import { backendTitle, openTestDatabase, storageBackends } from '../../db/testing/testDatabase';
import { publishSubgraph } from '../../publishing/publishSubgraph';
import type { Principal } from '../../tokens/Principal';
import type { TokenScope } from '../../tokens/TokenScope';
import { acceptUsageReport } from '../../usage/acceptUsageReport';
import { UsageReportLimits } from '../../usage/contract';
import { ingestUsageReport } from '../../usage/testing/ingestUsageReport';
import { clientEntry, operationEntry, signatureOf, usageReport } from '../../usage/testing/reportFixtures';
import { schema } from './index';

const backends = await storageBackends();
const logger = pino({ level: 'silent' });

const prices = 'query Prices { products { id price } }';
const names = 'query Names { products { name } }';
const legacy = 'query Legacy { products { legacy } }';
const range = { since: '2026-03-09T00:00:00Z', until: '2026-03-10T00:00:00Z' };

function principal(scope: TokenScope, graph: string | null = 'shop'): Principal {
  return { tokenId: `${scope}-${graph}`, name: scope, scope, graph, subgraphs: [] };
}

describe.each(backends)('usage API on $name', (backend) => {
  describe.skipIf(backend.skipReason !== undefined)(backendTitle(backend), () => {
    let db: RegistryDatabase;
    let close: () => Promise<void>;

    /** Runs an operation as `as`, returning data and error codes. */
    async function run(as: Principal, source: string, variables: Record<string, unknown> = {}) {
      const result = await graphql({
        schema,
        source,
        variableValues: { graph: 'shop', variant: 'prod', ...range, ...variables },
        contextValue: { db, principal: as, maxSdlBytes: 64 * 1024, logger },
      });
      return {
        data: result.data as Record<string, unknown> | null | undefined,
        codes: (result.errors ?? []).map((error) => error.extensions.code),
        errors: result.errors,
      };
    }
    const reader = principal('READ');

    beforeAll(async () => {
      const opened = await openTestDatabase(backend);
      db = opened.db;
      close = opened.close;
      const deps = { db, maxSdlBytes: 64 * 1024 };
      const sdl = productsSdl('price: Float\nsku: String\nlegacy: String @deprecated(reason: "Use sku.")');
      await publishSubgraph(deps, {
        graph: 'shop',
        variant: 'prod',
        subgraph: 'products',
        url: 'http://products.test/graphql',
        sdl,
        create: true,
      });
      await publishSubgraph(deps, {
        graph: 'other',
        variant: 'prod',
        subgraph: 'products',
        url: 'http://products.test/graphql',
        sdl,
        create: true,
      });
      await ingestUsageReport(
        db,
        usageReport(new Date('2026-03-09T10:00:00Z'), [
          operationEntry(
            prices,
            ['Query.products', 'Product.id', 'Product.price'],
            [clientEntry('web', '1.0', 5, 1), clientEntry('ios', '2.0', 3)],
          ),
          operationEntry(names, ['Query.products', 'Product.name'], [clientEntry('web', '1.0', 2)]),
          operationEntry(legacy, ['Query.products', 'Product.legacy'], [clientEntry('ios', '2.0', 1)]),
        ]),
      );
      await ingestUsageReport(
        db,
        usageReport(new Date('2026-03-09T15:30:00Z'), [
          operationEntry(prices, ['Query.products', 'Product.id', 'Product.price'], [clientEntry('web', '1.0', 1)]),
        ]),
      );
      // Outside the range, and another graph: neither may show up.
      await ingestUsageReport(
        db,
        usageReport(new Date('2026-03-10T01:00:00Z'), [
          operationEntry(names, ['Query.products', 'Product.name'], [clientEntry('web', '1.0', 50)]),
        ]),
      );
      await ingestUsageReport(
        db,
        usageReport(
          new Date('2026-03-09T10:00:00Z'),
          [operationEntry(names, ['Query.products', 'Product.name'], [clientEntry('spy', '1', 70)])],
          'other',
          'prod',
        ),
      );
    });
    afterAll(async () => close?.());

    const args = '(graph: $graph, variant: $variant, since: $since, until: $until)';
    const vars = '($graph: String!, $variant: String!, $since: String, $until: String)';

    it('usageFields counts requests, operations and clients per coordinate of the served schema', async () => {
      const { data, errors } = await run(
        reader,
        `query ${vars} { usageFields${args} { coordinate kind deprecated deprecationReason requests operations clients trend { direction current previous changePercent } } }`,
      );
      expect(errors).toBeUndefined();
      const byCoordinate = Object.fromEntries(
        ((data?.usageFields ?? []) as { coordinate: string }[]).map((field) => [field.coordinate, field]),
      );
      expect(byCoordinate['Query.products']).toEqual({
        coordinate: 'Query.products',
        kind: 'FIELD',
        deprecated: false,
        deprecationReason: null,
        requests: 12,
        operations: 3,
        clients: 2,
        trend: { direction: 'NEW', current: 12, previous: 0, changePercent: null },
      });
      expect(byCoordinate['Product.price']).toMatchObject({ requests: 9, operations: 1, clients: 2 });
      expect(byCoordinate['Product.legacy']).toMatchObject({
        deprecated: true,
        deprecationReason: 'Use sku.',
        requests: 1,
        clients: 1,
      });
      expect(byCoordinate['Product.sku']).toMatchObject({ requests: 0, operations: 0, clients: 0 });
    });

    it('usageUnusedFields lists only elements nobody used', async () => {
      const { data } = await run(reader, `query ${vars} { usageUnusedFields${args} { coordinate requests } }`);
      const unused = ((data?.usageUnusedFields ?? []) as { coordinate: string; requests: number }[]).map(
        (field) => field.coordinate,
      );
      expect(unused).toEqual(expect.arrayContaining(['Product.sku', 'Query.product', 'Query.product(id:)']));
      expect(unused).not.toContain('Product.price');
    });

    it('usageDeprecatedFields names the client versions still using deprecated fields', async () => {
      const { data } = await run(
        reader,
        `query ${vars} { usageDeprecatedFields${args} { coordinate deprecationReason requests lastSeen clients { name version requests lastSeen } forecastZeroDate } }`,
      );
      expect(data?.usageDeprecatedFields).toEqual([
        {
          coordinate: 'Product.legacy',
          deprecationReason: 'Use sku.',
          requests: 1,
          lastSeen: '2026-03-09T10:00:00.000Z',
          clients: [{ name: 'ios', version: '2.0', requests: 1, lastSeen: '2026-03-09T10:00:00.000Z' }],
          forecastZeroDate: null,
        },
      ]);
    });

    it('usageClients lists client versions with their operations and fields', async () => {
      const { data } = await run(
        reader,
        `query ${vars} { usageClients${args} { name version requests errors operations { name requests errors } fields } }`,
      );
      expect(data?.usageClients).toEqual([
        {
          name: 'web',
          version: '1.0',
          requests: 8,
          errors: 1,
          operations: [
            { name: 'Prices', requests: 6, errors: 1 },
            { name: 'Names', requests: 2, errors: 0 },
          ],
          fields: ['Product.id', 'Product.name', 'Product.price', 'Query.products'],
        },
        {
          name: 'ios',
          version: '2.0',
          requests: 4,
          errors: 0,
          operations: [
            { name: 'Prices', requests: 3, errors: 0 },
            { name: 'Legacy', requests: 1, errors: 0 },
          ],
          fields: ['Product.id', 'Product.legacy', 'Product.price', 'Query.products'],
        },
      ]);
    });

    it('usageOperations gives requests, errors, latency percentiles, first/last seen and the document', async () => {
      const { data } = await run(
        reader,
        `query ${vars} { usageOperations${args} { signature name type requests errors p50Ms p95Ms firstSeen lastSeen document } }`,
      );
      const operations = data?.usageOperations as Record<string, unknown>[];
      expect(operations.map((operation) => [operation.name, operation.requests])).toEqual([
        ['Prices', 9],
        ['Names', 2],
        ['Legacy', 1],
      ]);
      expect(operations[0]).toEqual({
        signature: signatureOf(prices),
        name: 'Prices',
        type: 'query',
        requests: 9,
        errors: 1,
        // Every request fell in the first bucket (0–5 ms): interpolated within it.
        p50Ms: 2.5,
        p95Ms: 4.75,
        firstSeen: '2026-03-09T10:00:00.000Z',
        lastSeen: '2026-03-09T15:30:10.000Z',
        document: prices,
      });
    });

    it('usageSubgraphs splits each subgraph’s requests by client version', async () => {
      const { data } = await run(
        reader,
        `query ${vars} { usageSubgraphs${args} { subgraph requests clients { client version requests } } }`,
      );
      expect(data?.usageSubgraphs).toEqual([
        {
          subgraph: 'products',
          requests: 12,
          clients: [
            { client: 'web', version: '1.0', requests: 8 },
            { client: 'ios', version: '2.0', requests: 4 },
          ],
        },
      ]);
    });

    it('usageSeries gives hourly points with empty hours, filtered by coordinate or client', async () => {
      const query = `query ($graph: String!, $variant: String!, $since: String, $until: String, $coordinate: String, $client: String) {
        usageSeries(graph: $graph, variant: $variant, since: $since, until: $until, coordinate: $coordinate, client: $client) { time requests errors } }`;
      const all = (await run(reader, query)).data?.usageSeries as { time: string; requests: number; errors: number }[];
      expect(all).toHaveLength(24);
      expect(all[0]).toEqual({ time: '2026-03-09T00:00:00.000Z', requests: 0, errors: 0 });
      expect(all.filter((point) => point.requests > 0)).toEqual([
        { time: '2026-03-09T10:00:00.000Z', requests: 11, errors: 1 },
        { time: '2026-03-09T15:00:00.000Z', requests: 1, errors: 0 },
      ]);
      const price = (await run(reader, query, { coordinate: 'Product.price' })).data?.usageSeries as {
        requests: number;
        errors: number;
      }[];
      expect(price.filter((point) => point.requests > 0)).toEqual([
        { time: '2026-03-09T10:00:00.000Z', requests: 8, errors: 1 },
        { time: '2026-03-09T15:00:00.000Z', requests: 1, errors: 0 },
      ]);
      const ios = (await run(reader, query, { client: 'ios' })).data?.usageSeries as { requests: number }[];
      expect(ios.reduce((sum, point) => sum + point.requests, 0)).toBe(4);
      const weekly = (await run(reader, query, { since: '2026-03-03T00:00:00Z' })).data?.usageSeries as {
        time: string;
        requests: number;
      }[];
      expect(weekly).toHaveLength(7);
      expect(weekly.find((point) => point.time === '2026-03-09T00:00:00.000Z')).toMatchObject({ requests: 12 });
    });

    it('carries counts past 32 bits exactly, as JSON numbers', async () => {
      // Its own day of the shop graph, so the other tests' counts stay as they are.
      const busiest = UsageReportLimits.maxCountPerEntry;
      for (const minute of [0, 1, 2]) {
        const result = await ingestUsageReport(
          db,
          usageReport(new Date(Date.parse('2026-03-12T12:00:00Z') + minute * 60_000), [
            operationEntry(prices, ['Query.products', 'Product.price'], [clientEntry('fleet', '1', busiest, 7)]),
          ]),
        );
        expect(result.ok).toBe(true);
      }
      const { data, errors } = await run(
        reader,
        `query ${vars} { usageClients${args} { name requests errors } usageFields${args} { coordinate requests }
          usageOperations${args} { name requests } usageSeries${args} { requests } }`,
        { since: '2026-03-12T00:00:00Z', until: '2026-03-13T00:00:00Z' },
      );
      expect(errors).toBeUndefined();
      expect(3 * busiest).toBeGreaterThan(2 ** 31);
      expect(data?.usageClients).toEqual([{ name: 'fleet', requests: 3 * busiest, errors: 21 }]);
      expect(data?.usageFields).toEqual(
        expect.arrayContaining([{ coordinate: 'Product.price', requests: 3 * busiest }]),
      );
      expect(data?.usageOperations).toEqual([{ name: 'Prices', requests: 3 * busiest }]);
      const series = (data?.usageSeries ?? []) as { requests: number }[];
      expect(series.reduce((sum, point) => sum + point.requests, 0)).toBe(3 * busiest);
    });

    it('since 1h means the last 60 minutes, to within the 5-minute buckets', async () => {
      // At 10:20, hourly buckets would drop the requests of 09:30 (filed under 09:00, before 09:20).
      const now = Date.parse('2026-03-14T10:20:00Z');
      for (const [minutesAgo, count] of [
        [70, 100],
        [50, 7],
        [2, 3],
      ] as const) {
        await ingestUsageReport(
          db,
          usageReport(new Date(now - minutesAgo * 60_000), [
            operationEntry(names, ['Query.products', 'Product.name'], [clientEntry('recent', '1', count)]),
          ]),
        );
      }
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(now);
      const { data, errors } = await run(reader, `query ${vars} { usageClients${args} { name requests } }`, {
        since: '1h',
        until: null,
      }).finally(() => vi.useRealTimers());
      expect(errors).toBeUndefined();
      expect(data?.usageClients).toEqual([{ name: 'recent', requests: 10 }]);
    });

    it('counts in every read the reports acknowledged before it, folded or not', async () => {
      const report = usageReport(new Date('2026-03-09T16:00:00Z'), [
        operationEntry(names, ['Query.products', 'Product.name'], [clientEntry('just-accepted', '1', 9)]),
      ]);
      // What POST /v1/usage does before answering 202; the background fold has not run.
      expect(await acceptUsageReport(db, report, { maxPendingReports: 100 })).toMatchObject({ ok: true });
      const { data, errors } = await run(reader, `query ${vars} { usageClients${args} { name requests } }`);
      expect(errors).toBeUndefined();
      expect(data?.usageClients).toEqual(expect.arrayContaining([{ name: 'just-accepted', requests: 9 }]));
    });

    it('refuses unreadable since and until with BAD_USER_INPUT', async () => {
      const bad = await run(reader, `query ${vars} { usageOperations${args} { name } }`, { since: 'yesterday' });
      expect(bad.codes).toEqual(['BAD_USER_INPUT']);
      expect(bad.errors?.[0]?.message).toMatch(/^since must be a duration like 24h, 7d or 30d/);
      const reversed = await run(reader, `query ${vars} { usageOperations${args} { name } }`, {
        since: '2026-03-10T00:00:00Z',
        until: '2026-03-09T00:00:00Z',
      });
      expect(reversed.codes).toEqual(['BAD_USER_INPUT']);
      const durations = await run(reader, `query ${vars} { usageOperations${args} { name } }`, {
        since: '30d',
        until: null,
      });
      expect(durations.codes).toEqual([]);
    });

    it('answers only tokens that can read the graph, and never tells whether another graph exists', async () => {
      const query = `query ${vars} { usageFields${args} { coordinate } }`;
      for (const as of [principal('READ', 'other'), principal('REPORT'), principal('PUBLISH', 'other')]) {
        const { data, codes } = await run(as, query);
        expect(codes).toEqual(['FORBIDDEN']);
        expect(data).toBeNull();
      }
      const missing = await run(principal('READ', 'nowhere'), query, { graph: 'nowhere' });
      expect(missing).toMatchObject({ data: { usageFields: [] }, codes: [] });
      expect((await run(principal('PUBLISH'), query)).codes).toEqual([]);
      expect((await run(principal('ADMIN', null), query)).codes).toEqual([]);
    });

    it('graphs lists the graphs a token can read with their variants', async () => {
      const query = '{ graphs { name variants } }';
      expect((await run(principal('ADMIN', null), query)).data?.graphs).toEqual([
        { name: 'other', variants: ['prod'] },
        { name: 'shop', variants: ['prod'] },
      ]);
      expect((await run(reader, query)).data?.graphs).toEqual([{ name: 'shop', variants: ['prod'] }]);
      expect((await run(principal('REPORT'), query)).data?.graphs).toEqual([]);
    });
  });
});
