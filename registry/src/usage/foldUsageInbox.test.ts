import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type RegistryDatabase } from '../db/openDatabase';
import { usageCoordinatesHourly, usageOperations, usageOperationsHourly } from '../db/schema/usage';
import { rowsOf } from '../db/sqlValues';
import { backendTitle, createFreshDatabase, openTestDatabase, storageBackends } from '../db/testing/testDatabase';
import { ensureVariant } from '../repositories/graphRepository';
import { lockUsageFold, takePendingReports } from '../repositories/usageInboxRepository';
import { acceptUsageReport } from './acceptUsageReport';
import { foldUsageInbox } from './foldUsageInbox';
import { ingestUsageReport } from './testing/ingestUsageReport';
import { clientEntry, operationEntry, usageReport } from './testing/reportFixtures';

const backends = await storageBackends();

describe.each(backends)('usage acceptance and folding on $name', (backend) => {
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

    it('keeps an accepted report in the inbox until a fold counts it, once, however often it is resent', async () => {
      const report = usageReport(new Date('2026-03-11T08:00:00Z'), [
        operationEntry('query K { k }', ['Query.k'], [clientEntry('web', '1', 5)]),
      ]);
      const counted = async () => {
        const [row] = rowsOf<{ total: string | null }>(
          await db.execute(sql`select sum(count)::text as total from ${usageCoordinatesHourly}
            where ${usageCoordinatesHourly.coordinate} = 'Query.k'`),
        );
        return Number(row?.total ?? 0);
      };
      const options = { maxPendingReports: 100 };
      expect(await acceptUsageReport(db, report, options)).toEqual({ ok: true, duplicate: false, operations: 1 });
      // Acknowledged, not yet counted: a replica stopping here loses nothing, the next fold counts it.
      expect(await counted()).toBe(0);
      expect(await acceptUsageReport(db, report, options)).toEqual({ ok: true, duplicate: true, operations: 1 });
      expect(await foldUsageInbox(db)).toEqual({ reports: 1, operationRows: 1, coordinateRows: 1 });
      expect(await counted()).toBe(5);
      expect(await acceptUsageReport(db, report, options)).toMatchObject({ duplicate: true });
      expect(await foldUsageInbox(db)).toEqual({ reports: 0, operationRows: 0, coordinateRows: 0 });
      expect(await counted()).toBe(5);
    });

    it('sums a batch of reports into few rows, in batches of the configured size', async () => {
      const op = operationEntry('query M { m n }', ['Query.m', 'Query.n'], [clientEntry('web', '1', 2)]);
      for (let i = 0; i < 7; i++) {
        await acceptUsageReport(db, usageReport(new Date('2026-03-11T09:00:00Z'), [op]), { maxPendingReports: 100 });
      }
      // Three transactions (3 + 3 + 1 reports), each writing one row per coordinate and client.
      expect(await foldUsageInbox(db, { batchReports: 3 })).toEqual({
        reports: 7,
        operationRows: 3,
        coordinateRows: 6,
      });
      const rows = await db
        .select({ coordinate: usageCoordinatesHourly.coordinate, count: usageCoordinatesHourly.count })
        .from(usageCoordinatesHourly)
        .where(sql`${usageCoordinatesHourly.coordinate} in ('Query.m', 'Query.n')`)
        .orderBy(asc(usageCoordinatesHourly.coordinate));
      expect(rows).toEqual([
        { coordinate: 'Query.m', count: 14 },
        { coordinate: 'Query.n', count: 14 },
      ]);
    });

    it('refuses new reports with USAGE_INBOX_FULL while the inbox is full, and takes them once folded', async () => {
      const report = () =>
        usageReport(new Date('2026-03-11T10:00:00Z'), [
          operationEntry('query Q { q }', ['Query.q'], [clientEntry('web', '1', 1)]),
        ]);
      const options = { maxPendingReports: 2 };
      expect(await acceptUsageReport(db, report(), options)).toMatchObject({ ok: true });
      expect(await acceptUsageReport(db, report(), options)).toMatchObject({ ok: true });
      expect(await acceptUsageReport(db, report(), options)).toMatchObject({
        ok: false,
        code: 'USAGE_INBOX_FULL',
        pending: 2,
      });
      await foldUsageInbox(db);
      expect(await acceptUsageReport(db, report(), options)).toMatchObject({ ok: true, duplicate: false });
      await foldUsageInbox(db);
    });

    it('refuses a report for a variant the registry does not know', async () => {
      const result = await ingestUsageReport(db, usageReport(new Date(), [], 'shop', 'nope'));
      expect(result).toMatchObject({ ok: false, code: 'BAD_USAGE_REPORT', message: expect.stringContaining('"nope"') });
    });
  });
});

// Two registry replicas on one PostgreSQL database fold the same inbox at once.
const postgres = backends.filter((backend) => backend.name === 'postgres');

describe.each(postgres)('folding across replicas on $name', (backend) => {
  it.skipIf(backend.skipReason !== undefined)(
    `counts every report exactly once when replicas fold at the same time (${backendTitle(backend)})`,
    async () => {
      const fresh = await createFreshDatabase(backend.url ?? '');
      const first = await openDatabase({ url: fresh.url });
      const second = await openDatabase({ url: fresh.url });
      try {
        await ensureVariant(first.db, 'shop', 'prod');
        const op = operationEntry(
          'query R { r }',
          ['Query.r'],
          [clientEntry('web', '1', 3), clientEntry('ios', '2', 1)],
        );
        const reports = Array.from({ length: 40 }, (_, i) =>
          usageReport(new Date(Date.parse('2026-03-12T10:00:00Z') + (i % 4) * 300_000), [op]),
        );
        // Accepted through both replicas, folded by both at once in small batches, while more arrive.
        const accepting = reports.map((report, i) =>
          acceptUsageReport(i % 2 ? second.db : first.db, report, { maxPendingReports: 1000 }),
        );
        const folds = [foldUsageInbox(first.db, { batchReports: 3 }), foldUsageInbox(second.db, { batchReports: 5 })];
        await Promise.all(accepting);
        const results = await Promise.all([...folds, foldUsageInbox(second.db, { acceptedSoFar: true })]);
        expect(results.reduce((sum, result) => sum + result.reports, 0)).toBe(40);
        const [row] = rowsOf<{ total: string; rows: string }>(
          await first.db.execute(sql`select sum(count)::text as total, count(*)::text as rows
            from ${usageCoordinatesHourly} where ${usageCoordinatesHourly.coordinate} = 'Query.r'`),
        );
        // 4 buckets × 2 clients; 40 reports × (3 + 1) requests.
        expect(row).toEqual({ total: '160', rows: '8' });
      } finally {
        await first.close();
        await second.close();
        await fresh.drop();
      }
    },
  );
});

describe.each(postgres)('background folds beside one another on $name', (backend) => {
  it.skipIf(backend.skipReason !== undefined)(
    `folds other reports while a replica's fold holds some, and a read waits for that fold (${backendTitle(backend)})`,
    async () => {
      const fresh = await createFreshDatabase(backend.url ?? '');
      const first = await openDatabase({ url: fresh.url });
      const second = await openDatabase({ url: fresh.url });
      try {
        await ensureVariant(first.db, 'shop', 'prod');
        const op = operationEntry('query P { p }', ['Query.p'], [clientEntry('web', '1', 2)]);
        for (let i = 0; i < 3; i++) {
          await acceptUsageReport(first.db, usageReport(new Date('2026-03-13T10:00:00Z'), [op]), {
            maxPendingReports: 100,
          });
        }
        const counted = async () => {
          const [row] = rowsOf<{ total: string | null }>(
            await second.db.execute(sql`select sum(count)::text as total from ${usageCoordinatesHourly}
              where ${usageCoordinatesHourly.coordinate} = 'Query.p'`),
          );
          return Number(row?.total ?? 0);
        };
        // A fold on the first replica that has claimed the oldest report and not finished.
        let release: () => void = () => {};
        const released = new Promise<void>((resolve) => {
          release = resolve;
        });
        let claimed: () => void = () => {};
        const holding = new Promise<void>((resolve) => {
          claimed = resolve;
        });
        const slowFold = first.db
          .transaction(async (tx) => {
            await lockUsageFold(tx, 'shared');
            expect(await takePendingReports(tx, 1)).toHaveLength(1);
            claimed();
            await released;
            throw new Error('this replica stopped mid-fold');
          })
          .catch((error: Error) => error.message);
        await holding;
        // The second replica's background fold does not wait for it: it folds the two reports nobody holds.
        expect(await foldUsageInbox(second.db)).toMatchObject({ reports: 2 });
        expect(await counted()).toBe(4);
        // A read waits for the fold in progress (here, until it fails), then folds what it left.
        let readDone = false;
        const read = foldUsageInbox(second.db, { acceptedSoFar: true }).then((result) => {
          readDone = true;
          return result;
        });
        await vi.waitFor(
          async () => {
            const [row] = rowsOf<{ waiting: string }>(
              await first.db.execute(sql`select count(*)::text as waiting from pg_stat_activity
                where datname = current_database() and wait_event_type = 'Lock' and wait_event = 'advisory'`),
            );
            expect(row?.waiting).toBe('1');
          },
          { timeout: 10_000, interval: 20 },
        );
        expect(readDone).toBe(false);
        release();
        expect(await slowFold).toBe('this replica stopped mid-fold');
        expect(await read).toMatchObject({ reports: 1 });
        expect(await counted()).toBe(6);
      } finally {
        await first.close();
        await second.close();
        await fresh.drop();
      }
    },
  );
});
