import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/openDatabase';
import { usageCoordinatesDaily } from '../db/schema/usage';
import { backendTitle, createFreshDatabase, storageBackends } from '../db/testing/testDatabase';
import { ensureVariant } from '../repositories/graphRepository';
import { tryLockUsageRollup } from '../repositories/usageRollupRepository';
import { rollupUsage } from './rollupUsage';
import { ingestUsageReport } from './testing/ingestUsageReport';
import { clientEntry, operationEntry, usageReport } from './testing/reportFixtures';

// Two registry replicas share one PostgreSQL database; each schedules the hourly rollup on its own.
const postgres = (await storageBackends()).filter((backend) => backend.name === 'postgres');

describe.each(postgres)('the usage rollup across replicas on $name', (backend) => {
  it.skipIf(backend.skipReason !== undefined)(
    `runs on one replica at a time, and the other skips (${backendTitle(backend)})`,
    async () => {
      const fresh = await createFreshDatabase(backend.url ?? '');
      const first = await openDatabase({ url: fresh.url });
      const second = await openDatabase({ url: fresh.url });
      try {
        const variant = await ensureVariant(first.db, 'shop', 'prod');
        const op = operationEntry('query R { r }', ['Query.r'], [clientEntry('web', '1', 3)]);
        await ingestUsageReport(first.db, usageReport(new Date('2026-03-01T05:00:00Z'), [op]));
        const now = new Date('2026-03-10T12:00:00Z');

        // The first replica is rolling up (holds the lock) while the second's run starts.
        let release = () => {};
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        let locked: (value: boolean) => void = () => {};
        const lockTaken = new Promise<boolean>((resolve) => {
          locked = resolve;
        });
        const firstRun = first.db.transaction(async (tx) => {
          locked(await tryLockUsageRollup(tx));
          await held;
        });
        expect(await lockTaken).toBe(true);
        expect(await rollupUsage(second.db, now)).toMatchObject({ skipped: true, rolledUpCoordinateRows: 0 });
        release();
        await firstRun;

        // Once it is done, the next run does the work, once.
        expect(await rollupUsage(second.db, now)).toMatchObject({ skipped: false, rolledUpCoordinateRows: 1 });
        expect(await rollupUsage(first.db, now)).toMatchObject({ skipped: false, rolledUpCoordinateRows: 0 });
        const days = await first.db
          .select({ day: usageCoordinatesDaily.day, count: usageCoordinatesDaily.count })
          .from(usageCoordinatesDaily)
          .where(sql`${usageCoordinatesDaily.variantId} = ${variant.variantId}`);
        expect(days).toEqual([{ day: '2026-03-01', count: 3 }]);
      } finally {
        await first.close();
        await second.close();
        await fresh.drop();
      }
    },
  );
});
