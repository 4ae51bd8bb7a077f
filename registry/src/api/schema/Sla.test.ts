import { graphql } from 'graphql';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryDatabase } from '../../db/openDatabase';
import { productsSdl } from '../../db/testing/fixtures';
import { backendTitle, openTestDatabase, storageBackends } from '../../db/testing/testDatabase';
import { publishSubgraph } from '../../publishing/publishSubgraph';
import type { Principal } from '../../tokens/Principal';
import type { TokenScope } from '../../tokens/TokenScope';
import { LATENCY_HISTOGRAM_SIZE, type OperationUsage } from '../../usage/contract';
import { ingestUsageReport } from '../../usage/testing/ingestUsageReport';
import { operationEntry, usageReport } from '../../usage/testing/reportFixtures';
import { schema } from './index';

const backends = await storageBackends();
const logger = pino({ level: 'silent' });

const prices = 'query Prices { products { id price } }';
const names = 'query Names { products { name } }';
const range = { since: '2026-03-09T00:00:00Z', until: '2026-03-10T00:00:00Z' };

function principal(scope: TokenScope, graph: string | null = 'shop'): Principal {
  return { tokenId: `${scope}-${graph}`, name: `${scope.toLowerCase()}-token`, scope, graph, subgraphs: [] };
}

/** A client entry with `fast` requests under 5 ms and `slow` ones between 250 and 500 ms. */
function client(
  name: string,
  fast: number,
  slow: number,
  errorCodes?: Record<string, number>,
): OperationUsage['clients'][number] {
  const latencyHistogram = new Array<number>(LATENCY_HISTOGRAM_SIZE).fill(0);
  latencyHistogram[0] = fast;
  latencyHistogram[6] = slow;
  const errors = Math.max(0, ...Object.values(errorCodes ?? {}));
  return { name, version: '1.0', count: fast + slow, errors, latencyHistogram, ...(errorCodes ? { errorCodes } : {}) };
}

describe.each(backends)('operations and SLAs in the API on $name', (backend) => {
  describe.skipIf(backend.skipReason !== undefined)(backendTitle(backend), () => {
    let db: RegistryDatabase;
    let close: () => Promise<void>;

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
      };
    }
    const reader = principal('READ');
    const admin = principal('ADMIN', null);

    beforeAll(async () => {
      const opened = await openTestDatabase(backend);
      db = opened.db;
      close = opened.close;
      await publishSubgraph(
        { db, maxSdlBytes: 64 * 1024 },
        {
          graph: 'shop',
          variant: 'prod',
          subgraph: 'products',
          url: 'http://products.test/graphql',
          sdl: productsSdl('price: Float'),
          create: true,
        },
      );
      // 10:00: web's Prices are fast and never fail. 11:00 and 11:30 (one hour): ios's Prices are slow and fail.
      await ingestUsageReport(
        db,
        usageReport(new Date('2026-03-09T10:00:00Z'), [
          operationEntry(prices, ['Query.products', 'Product.price'], [client('web', 100, 0)]),
          operationEntry(names, ['Query.products', 'Product.name'], [client('web', 10, 0)]),
        ]),
      );
      for (const at of ['2026-03-09T11:00:00Z', '2026-03-09T11:30:00Z']) {
        await ingestUsageReport(
          db,
          usageReport(new Date(at), [
            operationEntry(
              prices,
              ['Query.products', 'Product.price'],
              [client('ios', 5, 5, { SUBGRAPH_TIMEOUT: 3, UNAUTHORIZED_FIELD_OR_TYPE: 1 }), client('web', 10, 0)],
            ),
          ]),
        );
      }
    });
    afterAll(async () => close?.());

    it('usageOperations gives each operation its clients and versions, errors by code, p99 and the histogram', async () => {
      const { data } = await run(
        reader,
        `query($graph: String!, $variant: String!, $since: String, $until: String) {
          usageLatencyBucketsMs
          usageOperations(graph: $graph, variant: $variant, since: $since, until: $until) {
            name requests errors p50Ms p95Ms p99Ms latencyHistogram
            clients { name version requests errors }
            errorsByCode { code count }
          }
        }`,
      );
      expect(data?.usageLatencyBucketsMs).toEqual([5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000]);
      expect(data?.usageOperations).toEqual([
        {
          name: 'Prices',
          requests: 140,
          errors: 6,
          p50Ms: 2.69,
          // 10 of 140 requests took 250–500 ms: the 95th percentile is 3 of them into that bucket, interpolated.
          p95Ms: 325,
          p99Ms: 465,
          latencyHistogram: [130, 0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0],
          clients: [
            { name: 'web', version: '1.0', requests: 120, errors: 0 },
            { name: 'ios', version: '1.0', requests: 20, errors: 6 },
          ],
          errorsByCode: [
            { code: 'SUBGRAPH_TIMEOUT', count: 6 },
            { code: 'UNAUTHORIZED_FIELD_OR_TYPE', count: 2 },
          ],
        },
        expect.objectContaining({ name: 'Names', requests: 10, errorsByCode: [], clients: [expect.anything()] }),
      ]);
    });

    const SET = `mutation($input: SetSlaTargetInput!) {
      setSlaTarget(input: $input) { client operation latencyPercentile latencyMs errorRate updatedBy }
    }`;

    it('sets, replaces and lists targets per graph, client and operation, and refuses bad values or tokens', async () => {
      const set = (input: Record<string, unknown>, as = admin) =>
        run(as, SET, { input: { graph: 'shop', variant: 'prod', ...input } });
      expect((await set({ latencyMs: 1000, errorRate: 0.5 })).data?.setSlaTarget).toEqual({
        client: null,
        operation: null,
        latencyPercentile: 95,
        latencyMs: 1000,
        errorRate: 0.5,
        updatedBy: 'admin-token',
      });
      await set({ client: 'ios', latencyMs: 500 });
      await set({ client: 'ios', latencyMs: 100, latencyPercentile: 99 });
      await set({ operation: 'Prices', errorRate: 0.01 });
      const { data } = await run(
        reader,
        `query($graph: String!, $variant: String!) { slaTargets(graph: $graph, variant: $variant) { client operation latencyPercentile latencyMs errorRate } }`,
      );
      expect(data?.slaTargets).toEqual([
        { client: null, operation: null, latencyPercentile: 95, latencyMs: 1000, errorRate: 0.5 },
        { client: null, operation: 'Prices', latencyPercentile: 95, latencyMs: null, errorRate: 0.01 },
        { client: 'ios', operation: null, latencyPercentile: 99, latencyMs: 100, errorRate: null },
      ]);
      expect((await set({})).codes).toEqual(['BAD_USER_INPUT']);
      expect((await set({ errorRate: 1.5 })).codes).toEqual(['BAD_USER_INPUT']);
      expect((await set({ latencyMs: 20_000 })).codes).toEqual(['BAD_USER_INPUT']);
      expect((await set({ latencyMs: 10, latencyPercentile: 90 })).codes).toEqual(['BAD_USER_INPUT']);
      expect((await set({ latencyMs: 10 }, reader)).codes).toEqual(['FORBIDDEN']);
      expect((await run(admin, SET, { input: { graph: 'shop', variant: 'nope', latencyMs: 5 } })).codes).toEqual([
        'VARIANT_NOT_FOUND',
      ]);
    });

    it('usageSla lists each breach with the hours in breach and the measured value, breaches first (ties as listed)', async () => {
      const { data } = await run(
        reader,
        `query($graph: String!, $variant: String!, $since: String, $until: String) {
          usageSla(graph: $graph, variant: $variant, since: $since, until: $until) {
            target { client operation } requests hoursJudged breached
            breaches { metric threshold hoursInBreach worst periods { start hours requests measured } }
          }
        }`,
      );
      expect(data?.usageSla).toEqual([
        {
          // Prices at 11:00: 6 of 40 failed (15 %); at 10:00 none of 100.
          target: { client: null, operation: 'Prices' },
          requests: 140,
          hoursJudged: 2,
          breached: true,
          breaches: [
            {
              metric: 'ERROR_RATE',
              threshold: 0.01,
              hoursInBreach: 1,
              worst: 0.15,
              periods: [{ start: '2026-03-09T11:00:00.000Z', hours: 1, requests: 40, measured: 0.15 }],
            },
          ],
        },
        {
          // ios at 11:00: 10 of 20 requests slow, p99 interpolated in the 250–500 ms bucket.
          target: { client: 'ios', operation: null },
          requests: 20,
          hoursJudged: 1,
          breached: true,
          breaches: [
            {
              metric: 'LATENCY',
              threshold: 100,
              hoursInBreach: 1,
              worst: 495,
              periods: [{ start: '2026-03-09T11:00:00.000Z', hours: 1, requests: 20, measured: 495 }],
            },
          ],
        },
        { target: { client: null, operation: null }, requests: 150, hoursJudged: 2, breached: false, breaches: [] },
      ]);
    });

    it('deleteSlaTarget removes one target', async () => {
      const remove = `mutation($graph: String!, $variant: String!) { deleteSlaTarget(graph: $graph, variant: $variant, client: "ios") }`;
      expect((await run(admin, remove)).data?.deleteSlaTarget).toBe(true);
      expect((await run(admin, remove)).data?.deleteSlaTarget).toBe(false);
    });
  });
});
