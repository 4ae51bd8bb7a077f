import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryDatabase } from '../../db/openDatabase';
import { backendTitle, openTestDatabase, storageBackends } from '../../db/testing/testDatabase';
import { ensureVariant } from '../../repositories/graphRepository';
import { LATENCY_HISTOGRAM_SIZE } from '../contract';
import { rollupUsage } from '../rollupUsage';
import { ingestUsageReport } from '../testing/ingestUsageReport';
import { clientEntry, operationEntry, usageReport } from '../testing/reportFixtures';
import { clientUsage } from './clientUsage';
import { deprecatedFieldsInUse } from './deprecatedFieldsInUse';
import { fieldUsage } from './fieldUsage';
import { operationUsage } from './operationUsage';
import { subgraphVolume } from './subgraphVolume';
import type { UsageWindow } from './usageWindow';

const backends = await storageBackends();

const apiSchemaSdl = /* GraphQL */ `
  type Query {
    a: String
    b: String @deprecated(reason: "Use a.")
    c(first: Int): String
    unused: String
  }
`;

const day = (date: string, hour = 10) => new Date(`2026-03-${date}T${String(hour).padStart(2, '0')}:00:00Z`);
const window = (since: string, until: string): UsageWindow => ({ since: day(since, 0), until: day(until, 0) });
const opA = (clients: ReturnType<typeof clientEntry>[]) =>
  operationEntry('query A { a b }', ['Query.a', 'Query.b'], clients, ['products', 'reviews']);
const opC = (clients: ReturnType<typeof clientEntry>[]) =>
  operationEntry('query C { c(first: 1) }', ['Query.c', 'Query.c(first:)'], clients, ['products']);
/** A client entry whose requests spread over the latency buckets, so summed histograms are checked too. */
const spread = (name: string, version: string, count: number, errors = 0) => {
  const entry = clientEntry(name, version, count, errors);
  const latencyHistogram = new Array<number>(LATENCY_HISTOGRAM_SIZE).fill(0);
  latencyHistogram[1] = Math.floor(count / 2);
  latencyHistogram[6] = count - Math.floor(count / 2);
  return { ...entry, latencyHistogram };
};

// Each report as [day, hour, operations]: web uses A on 1 and 10 March only, so a window between those days must not
// count it even though its first and last days surround the window.
const reports = [
  ['01', 9, [opA([clientEntry('web', '1.0', 5)])]],
  ['02', 23, [opC([spread('android', '3.0', 7, 2)])]],
  ['03', 0, [opC([spread('android', '3.0', 4, 1), spread('android', '3.1', 3)])]],
  ['05', 12, [opA([clientEntry('ios', '2.0', 6)]), opC([clientEntry('ios', '2.0', 0)])]],
  ['05', 13, [opA([clientEntry('ios', '2.1', 2, 1)])]],
  ['10', 18, [opA([clientEntry('web', '1.0', 9)]), opC([spread('web', '1.1', 11, 3)])]],
] as const;

const windows = {
  'the whole range': window('01', '14'),
  'strictly inside web’s span of A': window('03', '09'),
  'one day': window('05', '06'),
  'the first day': window('01', '02'),
  'the last days': window('09', '14'),
};

/**
 * Everything the reports answer that does not depend on whether a count sits in an hour or a day row (last seen
 * moves from the hour to the day).
 */
async function answers(db: RegistryDatabase, variantId: string, usageWindow: UsageWindow) {
  const fields = await fieldUsage(db, { variantId, apiSchemaSdl, window: usageWindow });
  return {
    fields: fields.map(({ coordinate, requests, operations, clients, trend }) => ({
      coordinate,
      requests,
      operations,
      clients,
      trend,
    })),
    clients: await clientUsage(db, { variantId, window: usageWindow }),
    deprecated: (await deprecatedFieldsInUse(db, { variantId, apiSchemaSdl, window: usageWindow })).map(
      ({ lastSeen: _lastSeen, clients, ...rest }) => ({
        ...rest,
        clients: clients.map(({ lastSeen: _seen, ...client }) => client),
      }),
    ),
    operations: await operationUsage(db, { variantId, window: usageWindow }),
    web: await operationUsage(db, { variantId, window: usageWindow, client: { name: 'web', version: '1.0' } }),
    subgraphs: await subgraphVolume(db, { variantId, window: usageWindow }),
  };
}

describe.each(backends)('reports from the daily totals on $name', (backend) => {
  describe.skipIf(backend.skipReason !== undefined)(backendTitle(backend), () => {
    let db: RegistryDatabase;
    let close: () => Promise<void>;
    let variantId: string;
    const beforeRollup = new Map<string, Awaited<ReturnType<typeof answers>>>();

    beforeAll(async () => {
      const opened = await openTestDatabase(backend);
      db = opened.db;
      close = opened.close;
      variantId = (await ensureVariant(db, 'totals', 'prod')).variantId;
      for (const [date, hour, operations] of reports) {
        await ingestUsageReport(db, usageReport(day(date, hour), [...operations], 'totals', 'prod'));
      }
      // Every count is still in the per-client hourly rows: what the reports answered before any totals existed.
      for (const [name, usageWindow] of Object.entries(windows)) {
        beforeRollup.set(name, await answers(db, variantId, usageWindow));
      }
      // Everything is older than 48 hours: moved into the per-client days, their totals and the client spans.
      await rollupUsage(db, day('14', 12));
    });
    afterAll(async () => close?.());

    it.each(Object.keys(windows))('answers as from the per-client rows over %s', async (name) => {
      const usageWindow = windows[name as keyof typeof windows];
      expect(await answers(db, variantId, usageWindow)).toEqual(beforeRollup.get(name));
    });

    it('counts only the clients that used a field in the window, whatever their first and last days', async () => {
      const inside = await fieldUsage(db, {
        variantId,
        apiSchemaSdl,
        window: windows['strictly inside web’s span of A'],
      });
      expect(inside.find((field) => field.coordinate === 'Query.a')).toMatchObject({ requests: 8, clients: 1 });
      // ios sent C with no requests on 5 March: not a use.
      expect(inside.find((field) => field.coordinate === 'Query.c')).toMatchObject({ requests: 7, clients: 1 });
      const whole = await fieldUsage(db, { variantId, apiSchemaSdl, window: windows['the whole range'] });
      expect(whole.find((field) => field.coordinate === 'Query.a')).toMatchObject({ requests: 22, clients: 2 });
      expect(await clientUsage(db, { variantId, window: windows['strictly inside web’s span of A'] })).toEqual([
        { name: 'ios', versions: ['2.0', '2.1'], requests: 8, errors: 1, operations: 2, fields: 2 },
        { name: 'android', versions: ['3.0', '3.1'], requests: 7, errors: 1, operations: 1, fields: 2 },
      ]);
    });

    it('answers the same when the days are rolled up one at a time and out of order', async () => {
      const steps = (await ensureVariant(db, 'steps', 'prod')).variantId;
      // 2 March arrives last, after later days were rolled up: running sums of the days after it must follow.
      const late = reports.filter(([date]) => date === '02');
      for (const [date, hour, operations] of [...reports.filter(([date]) => date !== '02'), ...late]) {
        await ingestUsageReport(db, usageReport(day(date, hour), [...operations], 'steps', 'prod'));
        await rollupUsage(db, day('14', 12));
      }
      for (const [name, usageWindow] of Object.entries(windows)) {
        const fields = (await answers(db, steps, usageWindow)).fields;
        expect(fields, name).toEqual(beforeRollup.get(name)?.fields);
      }
    });

    it('keeps totals and client spans in step when retention deletes the oldest days', async () => {
      // Retention of 12 days at 14 March 12:00 deletes 1 March: web's use of A starts on 10 March now.
      await rollupUsage(db, day('14', 12), { retentionDays: 12 });
      const whole = await fieldUsage(db, { variantId, apiSchemaSdl, window: windows['the whole range'] });
      expect(whole.find((field) => field.coordinate === 'Query.a')).toMatchObject({ requests: 17, clients: 2 });
      const first = await fieldUsage(db, { variantId, apiSchemaSdl, window: windows['the first day'] });
      expect(first.find((field) => field.coordinate === 'Query.a')).toMatchObject({ requests: 0, clients: 0 });
      const inside = await fieldUsage(db, {
        variantId,
        apiSchemaSdl,
        window: windows['strictly inside web’s span of A'],
      });
      expect(inside.find((field) => field.coordinate === 'Query.a')).toMatchObject({ requests: 8, clients: 1 });
    });
  });
});
