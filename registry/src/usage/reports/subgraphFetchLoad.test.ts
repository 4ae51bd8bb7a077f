import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryDatabase } from '../../db/openDatabase';
import { backendTitle, openTestDatabase, storageBackends } from '../../db/testing/testDatabase';
import { ensureVariant } from '../../repositories/graphRepository';
import { LATENCY_HISTOGRAM_SIZE } from '../contract';
import { rollupUsage } from '../rollupUsage';
import { ingestUsageReport } from '../testing/ingestUsageReport';
import { clientEntry, operationEntry, usageReport } from '../testing/reportFixtures';
import { subgraphFetchLoad } from './subgraphFetchLoad';

const backends = await storageBackends();

/** `fetches` fetches, half in the 5 ms bucket and half in the 250–500 ms one. */
const fetched = (fetches: number, errors = 0) => {
  const latencyHistogram = new Array<number>(LATENCY_HISTOGRAM_SIZE).fill(0);
  latencyHistogram[0] = Math.floor(fetches / 2);
  latencyHistogram[6] = fetches - Math.floor(fetches / 2);
  return { fetches, errors, latencyHistogram };
};
const day = (n: number, hour = 10) => new Date(Date.UTC(2026, 2, n, hour));

describe.each(backends)('subgraph load from measured fetches on $name', (backend) => {
  describe.skipIf(backend.skipReason !== undefined)(backendTitle(backend), () => {
    let db: RegistryDatabase;
    let close: () => Promise<void>;
    let variantId: string;

    beforeAll(async () => {
      const opened = await openTestDatabase(backend);
      db = opened.db;
      close = opened.close;
      variantId = (await ensureVariant(db, 'load', 'prod')).variantId;
      // 14 days, 1–14 March: web's requests grow by 10 a day, each fetching products then reviews (an entity hop);
      // ios sends 5 a day that only fetch products, one of which fails.
      for (let n = 1; n <= 14; n++) {
        const web = 100 + 10 * (n - 1);
        const withReviews = operationEntry(
          'query Reviewed { products { id reviewCount } }',
          ['Query.products', 'Product.id', 'Product.reviewCount'],
          [{ ...clientEntry('web', '1.0', web), subgraphFetches: { products: fetched(web), reviews: fetched(web) } }],
          ['products', 'reviews'],
        );
        const names = operationEntry(
          'query Names { products { name } }',
          ['Query.products', 'Product.name'],
          [{ ...clientEntry('ios', '2.0', 5, 1), subgraphFetches: { products: fetched(5, 1) } }],
        );
        await ingestUsageReport(db, usageReport(day(n), [withReviews, names], 'load', 'prod'));
      }
    });
    afterAll(async () => {
      await close?.();
    });

    it('gives per subgraph the fetches by client, their latency, the daily trend and a forecast with its error', async () => {
      const loads = await subgraphFetchLoad(db, { variantId, window: { since: day(1, 0), until: day(15, 0) } });
      const webTotal = Array.from({ length: 14 }, (_, i) => 100 + 10 * i).reduce((a, b) => a + b);
      expect(loads.map((load) => [load.subgraph, load.fetches, load.errors])).toEqual([
        ['products', webTotal + 70, 14],
        ['reviews', webTotal, 0],
      ]);
      const [products, reviews] = loads;
      expect(products?.clients.map((client) => [client.client, client.fetches, client.errors])).toEqual([
        ['web', webTotal, 0],
        ['ios', 70, 14],
      ]);
      // Half of web's fetches took at most 5 ms, half 250–500 ms (interpolated inside the bucket).
      expect(products?.clients[0]).toMatchObject({ p50Ms: 5, p95Ms: 475 });
      expect(reviews?.daily.slice(0, 2)).toEqual([
        { day: '2026-03-01', fetches: 100 },
        { day: '2026-03-02', fetches: 110 },
      ]);
      expect(reviews?.daily).toHaveLength(14);
      // A straight line: the next week is 240 … 300, and the same method on the first 7 days had no error.
      expect(reviews?.forecast).toEqual({ status: 'OK', nextWeek: 1890, slopePerDay: 10, backtestError: 0, days: 14 });
    });

    it('keeps the hourly fetches through the rollup, and says NOT_ENOUGH_DATA for a short window', async () => {
      await rollupUsage(db, day(16, 0));
      const loads = await subgraphFetchLoad(db, { variantId, window: { since: day(12, 0), until: day(15, 0) } });
      expect(loads.find((load) => load.subgraph === 'reviews')).toMatchObject({
        fetches: 210 + 220 + 230,
        forecast: { status: 'NOT_ENOUGH_DATA', days: 3 },
      });
    });
  });
});
