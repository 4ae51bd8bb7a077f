import { randomUUID } from 'node:crypto';
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryDatabase } from '../db/openDatabase';
import {
  usageCoordinatesDaily,
  usageCoordinatesHourly,
  usageOperationsDaily,
  usageOperationsHourly,
  usageReports,
} from '../db/schema/usage';
import { backendTitle, openTestDatabase, storageBackends } from '../db/testing/testDatabase';
import { ensureVariant } from '../repositories/graphRepository';
import { UsageReportLimits } from './contract';
import { rollupUsage } from './rollupUsage';
import { ingestUsageReport } from './testing/ingestUsageReport';
import { clientEntry, operationEntry, usageReport } from './testing/reportFixtures';

const backends = await storageBackends();

describe.each(backends)('the usage rollup on $name', (backend) => {
  describe.skipIf(backend.skipReason !== undefined)(backendTitle(backend), () => {
    let db: RegistryDatabase;
    let close: () => Promise<void>;

    beforeAll(async () => {
      const opened = await openTestDatabase(backend);
      db = opened.db;
      close = opened.close;
      await ensureVariant(db, 'shop', 'prod');
      await ensureVariant(db, 'shop', 'staging');
    });
    afterAll(async () => {
      await close?.();
    });

    it('forgets report ids older than their retention when rolling up', async () => {
      const variant = await ensureVariant(db, 'forget', 'prod');
      const old = new Date(Date.now() - UsageReportLimits.reportIdRetentionMs - 60_000);
      await db.insert(usageReports).values([
        { id: randomUUID(), variantId: variant.variantId, receivedAt: old },
        { id: randomUUID(), variantId: variant.variantId, receivedAt: new Date() },
      ]);
      await rollupUsage(db, new Date());
      const left = await db
        .select({ receivedAt: usageReports.receivedAt })
        .from(usageReports)
        .where(sql`${usageReports.variantId} = ${variant.variantId}`);
      expect(left).toHaveLength(1);
      expect(left[0]?.receivedAt.getTime()).toBeGreaterThan(old.getTime());
    });

    it('forgets report ids after the configured retention', async () => {
      const variant = await ensureVariant(db, 'forget-soon', 'prod');
      const now = new Date();
      const ninetyMinutesAgo = new Date(now.getTime() - 90 * 60_000);
      await db.insert(usageReports).values([
        { id: randomUUID(), variantId: variant.variantId, receivedAt: ninetyMinutesAgo },
        { id: randomUUID(), variantId: variant.variantId, receivedAt: new Date(now.getTime() - 30 * 60_000) },
      ]);
      const remaining = () =>
        db.select().from(usageReports).where(sql`${usageReports.variantId} = ${variant.variantId}`);
      await rollupUsage(db, now);
      expect(await remaining()).toHaveLength(2);
      await rollupUsage(db, now, { reportIdRetentionMs: 3_600_000 });
      expect(await remaining()).toHaveLength(1);
    });

    it('rolls hourly rows older than 48 hours into days, and deletes past retention', async () => {
      const variant = await ensureVariant(db, 'rollup', 'prod');
      const op = operationEntry('query R { r }', ['Query.r'], [clientEntry('web', '1', 2)]);
      for (const at of [
        '2026-03-01T01:00:00Z',
        '2026-03-01T05:00:00Z',
        '2026-03-09T23:00:00Z',
        '2025-11-01T05:00:00Z',
      ]) {
        const report = usageReport(
          new Date(at),
          [
            {
              ...op,
              clients: [{ ...clientEntry('web', '1', 2), latencyHistogram: [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }],
            },
          ],
          'rollup',
        );
        await ingestUsageReport(db, report);
      }
      const result = await rollupUsage(db, new Date('2026-03-10T12:00:00Z'), { retentionDays: 90 });
      expect(result.rolledUpCoordinateRows).toBe(2);
      expect(result.rolledUpOperationRows).toBe(2);
      const daily = await db
        .select({ day: usageCoordinatesDaily.day, count: usageCoordinatesDaily.count })
        .from(usageCoordinatesDaily)
        .where(sql`${usageCoordinatesDaily.variantId} = ${variant.variantId}`);
      expect(daily).toEqual([{ day: '2026-03-01', count: 4 }]);
      const dailyOps = await db
        .select({
          day: usageOperationsDaily.day,
          count: usageOperationsDaily.count,
          latency: usageOperationsDaily.latencyHistogram,
        })
        .from(usageOperationsDaily)
        .where(sql`${usageOperationsDaily.variantId} = ${variant.variantId}`);
      expect(dailyOps).toEqual([{ day: '2026-03-01', count: 4, latency: [2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }]);
      const hourly = await db
        .select({ hour: usageCoordinatesHourly.hour })
        .from(usageCoordinatesHourly)
        .where(sql`${usageCoordinatesHourly.variantId} = ${variant.variantId}`);
      expect(hourly.map((row) => row.hour.toISOString())).toEqual(['2026-03-09T23:00:00.000Z']);
      // Running it again changes nothing.
      expect(await rollupUsage(db, new Date('2026-03-10T12:00:00Z'))).toEqual({
        skipped: false,
        compactedRows: 0,
        rolledUpCoordinateRows: 0,
        rolledUpOperationRows: 0,
        deletedRows: 0,
      });
    });

    it('keeps the last 24 hours in 5-minute buckets and merges older ones into their hour', async () => {
      const variant = await ensureVariant(db, 'fine', 'prod');
      const entry = (count: number, slot: number) => {
        const latencyHistogram = new Array<number>(12).fill(0);
        latencyHistogram[slot] = count;
        return operationEntry('query Q { q }', ['Query.q'], [{ ...clientEntry('web', '1', count), latencyHistogram }]);
      };
      for (const [at, count, slot] of [
        ['2026-03-09T08:00:10Z', 1, 0],
        ['2026-03-09T08:04:59Z', 2, 1],
        ['2026-03-09T08:55:00Z', 4, 1],
        ['2026-03-10T11:58:00Z', 8, 2],
      ] as const) {
        await ingestUsageReport(db, usageReport(new Date(at), [entry(count, slot)], 'fine'));
      }
      const buckets = async () =>
        (
          await db
            .select({ hour: usageCoordinatesHourly.hour, count: usageCoordinatesHourly.count })
            .from(usageCoordinatesHourly)
            .where(sql`${usageCoordinatesHourly.variantId} = ${variant.variantId}`)
            .orderBy(asc(usageCoordinatesHourly.hour))
        ).map((row) => [row.hour.toISOString(), row.count]);
      expect(await buckets()).toEqual([
        ['2026-03-09T08:00:00.000Z', 3],
        ['2026-03-09T08:55:00.000Z', 4],
        ['2026-03-10T11:55:00.000Z', 8],
      ]);
      const result = await rollupUsage(db, new Date('2026-03-10T12:00:00Z'));
      expect(result.compactedRows).toBeGreaterThanOrEqual(2);
      expect(await buckets()).toEqual([
        ['2026-03-09T08:00:00.000Z', 7],
        ['2026-03-10T11:55:00.000Z', 8],
      ]);
      const operations = await db
        .select({
          hour: usageOperationsHourly.hour,
          count: usageOperationsHourly.count,
          latency: usageOperationsHourly.latencyHistogram,
        })
        .from(usageOperationsHourly)
        .where(sql`${usageOperationsHourly.variantId} = ${variant.variantId}`)
        .orderBy(asc(usageOperationsHourly.hour));
      expect(operations.map((row) => [row.hour.toISOString(), row.count, row.latency.slice(0, 3)])).toEqual([
        ['2026-03-09T08:00:00.000Z', 7, [1, 6, 0]],
        ['2026-03-10T11:55:00.000Z', 8, [0, 0, 8]],
      ]);
    });
  });
});
