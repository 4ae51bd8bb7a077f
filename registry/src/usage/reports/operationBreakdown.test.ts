import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryDatabase } from '../../db/openDatabase';
import { backendTitle, openTestDatabase, storageBackends } from '../../db/testing/testDatabase';
import { ensureVariant } from '../../repositories/graphRepository';
import { rollupUsage } from '../rollupUsage';
import { ingestUsageReport } from '../testing/ingestUsageReport';
import { clientEntry, operationEntry, signatureOf, usageReport } from '../testing/reportFixtures';
import { operationBreakdowns } from './operationBreakdown';

const backends = await storageBackends();
const prices = 'query Prices { products { price } }';

describe.each(backends)('errors by code and unknown documents through the rollup on $name', (backend) => {
  describe.skipIf(backend.skipReason !== undefined)(backendTitle(backend), () => {
    let db: RegistryDatabase;
    let close: () => Promise<void>;
    let variantId: string;

    beforeAll(async () => {
      const opened = await openTestDatabase(backend);
      db = opened.db;
      close = opened.close;
      variantId = (await ensureVariant(db, 'shop', 'prod')).variantId;
    });
    afterAll(async () => close?.());

    it('keeps each hour’s codes once usage is rolled into days, sums a client named twice in one report, and deletes them past retention', async () => {
      const failing = { ...clientEntry('web', '1.0', 4, 3), errorCodes: { SUBGRAPH_TIMEOUT: 3, NOT_FOUND: 1 } };
      // One report names the same client version twice: both count.
      await ingestUsageReport(
        db,
        usageReport(new Date('2026-03-01T10:20:00Z'), [operationEntry(prices, ['Query.products'], [failing, failing])]),
      );
      await ingestUsageReport(
        db,
        usageReport(new Date('2026-03-01T10:40:00Z'), [operationEntry(prices, ['Query.products'], [failing])]),
      );
      const window = { since: new Date('2026-03-01T00:00:00Z'), until: new Date('2026-03-02T00:00:00Z') };
      const read = async () => (await operationBreakdowns(db, { variantId, window })).get(signatureOf(prices));

      await rollupUsage(db, new Date('2026-03-05T00:00:00Z'));
      expect(await read()).toEqual({
        clients: [{ name: 'web', version: '1.0', requests: 12, errors: 9 }],
        errorsByCode: [
          { code: 'SUBGRAPH_TIMEOUT', count: 9 },
          { code: 'NOT_FOUND', count: 3 },
        ],
        unknownDocuments: 0,
      });

      await rollupUsage(db, new Date('2026-07-01T00:00:00Z'), { retentionDays: 90 });
      expect(await read()).toBeUndefined();
    });

    it('counts the requests whose document no manifest held, per operation, through the rollup and past retention', async () => {
      const stats = 'query Stats { products { sku } }';
      const unknown = (count: number, unknownDocuments: number) => ({
        ...clientEntry('web', '2.0', count),
        unknownDocuments,
      });
      await ingestUsageReport(
        db,
        usageReport(new Date('2026-03-03T08:05:00Z'), [
          operationEntry(stats, ['Query.products'], [unknown(5, 5), { ...unknown(3, 1), name: 'ios' }]),
        ]),
      );
      await ingestUsageReport(
        db,
        usageReport(new Date('2026-03-03T09:05:00Z'), [operationEntry(stats, ['Query.products'], [unknown(2, 2)])]),
      );
      const window = { since: new Date('2026-03-03T00:00:00Z'), until: new Date('2026-03-04T00:00:00Z') };
      const read = async () => (await operationBreakdowns(db, { variantId, window })).get(signatureOf(stats));
      expect((await read())?.unknownDocuments).toBe(8);
      await rollupUsage(db, new Date('2026-03-08T00:00:00Z'));
      expect((await read())?.unknownDocuments).toBe(8);
      await rollupUsage(db, new Date('2026-07-01T00:00:00Z'), { retentionDays: 90 });
      expect(await read()).toBeUndefined();
    });
  });
});
