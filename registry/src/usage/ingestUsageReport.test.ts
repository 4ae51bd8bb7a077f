import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryDatabase } from '../db/openDatabase';
import { usageCoordinatesHourly, usageOperations, usageOperationsHourly } from '../db/schema/usage';
import { backendTitle, openTestDatabase, storageBackends } from '../db/testing/testDatabase';
import { ensureVariant } from '../repositories/graphRepository';
import { ingestUsageReport } from './ingestUsageReport';
import { clientEntry, operationEntry, usageReport } from './testing/reportFixtures';

const backends = await storageBackends();

describe.each(backends)('usage ingestion on $name', (backend) => {
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

    it('folds reports into hourly aggregates, adding counts and histograms of the same hour', async () => {
      const hour = new Date('2026-03-10T09:00:00Z');
      const a = operationEntry(
        'query A { a b }',
        ['Query.a', 'Query.b'],
        [clientEntry('web', '1.0', 3, 1), clientEntry('ios', '2.0', 2)],
      );
      const b = operationEntry(
        'query B { b }',
        ['Query.b'],
        [{ ...clientEntry('web', '1.0', 4), variableCoordinates: { 'Color.RED': 3, 'Query.b': 4 } }],
      );
      const result = await ingestUsageReport(
        db,
        usageReport(new Date(hour.getTime() + 60_000), [a, b], 'shop', 'staging'),
      );
      expect(result).toEqual({ ok: true, duplicate: false, operations: 2, coordinateRows: 5, operationRows: 3 });
      // The same hour again: counts add up.
      await ingestUsageReport(db, usageReport(new Date(hour.getTime() + 120_000), [a], 'shop', 'staging'));

      const coordinates = await db
        .select({
          coordinate: usageCoordinatesHourly.coordinate,
          client: usageCoordinatesHourly.clientName,
          count: usageCoordinatesHourly.count,
        })
        .from(usageCoordinatesHourly)
        .where(sql`${usageCoordinatesHourly.hour} = ${hour.toISOString()}::timestamptz`)
        .orderBy(asc(usageCoordinatesHourly.coordinate), asc(usageCoordinatesHourly.clientName));
      expect(coordinates).toEqual([
        { coordinate: 'Color.RED', client: 'web', count: 3 },
        { coordinate: 'Query.a', client: 'ios', count: 4 },
        { coordinate: 'Query.a', client: 'web', count: 6 },
        { coordinate: 'Query.b', client: 'ios', count: 4 },
        { coordinate: 'Query.b', client: 'web', count: 10 },
      ]);
      const operations = await db
        .select({
          client: usageOperationsHourly.clientName,
          count: usageOperationsHourly.count,
          errors: usageOperationsHourly.errors,
          latency: usageOperationsHourly.latencyHistogram,
        })
        .from(usageOperationsHourly)
        .where(sql`${usageOperationsHourly.signature} = ${a.signature}`)
        .orderBy(asc(usageOperationsHourly.clientName));
      expect(operations).toEqual([
        { client: 'ios', count: 4, errors: 0, latency: [4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
        { client: 'web', count: 6, errors: 2, latency: [6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
      ]);
      const [operation] = await db
        .select()
        .from(usageOperations)
        .where(sql`${usageOperations.signature} = ${a.signature}`);
      expect(operation).toMatchObject({ name: 'A', type: 'query', coordinates: ['Query.a', 'Query.b'] });
      expect(operation?.firstSeen.toISOString()).toBe('2026-03-10T09:01:00.000Z');
      expect(operation?.lastSeen.toISOString()).toBe('2026-03-10T09:02:10.000Z');
    });

    it('refuses a report for a variant the registry does not know', async () => {
      const result = await ingestUsageReport(db, usageReport(new Date(), [], 'shop', 'nope'));
      expect(result).toMatchObject({ ok: false, code: 'BAD_USAGE_REPORT', message: expect.stringContaining('"nope"') });
    });
  });
});
