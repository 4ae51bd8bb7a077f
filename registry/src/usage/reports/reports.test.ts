import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryDatabase } from '../../db/openDatabase';
import { backendTitle, openTestDatabase, storageBackends } from '../../db/testing/testDatabase';
import { ensureVariant } from '../../repositories/graphRepository';
import { rollupUsage } from '../rollupUsage';
import { ingestUsageReport } from '../testing/ingestUsageReport';
import { clientEntry, operationEntry, usageReport } from '../testing/reportFixtures';
import { clientUsage } from './clientUsage';
import { coordinateUsage } from './coordinateUsage';
import { deprecatedFieldsInUse } from './deprecatedFieldsInUse';
import { fieldUsage } from './fieldUsage';
import { subgraphVolume } from './subgraphVolume';
import { unusedFields } from './unusedFields';

const backends = await storageBackends();

const apiSchemaSdl = /* GraphQL */ `
  type Query {
    a: String
    b(first: Int): String @deprecated(reason: "Use a.")
    c(filter: Filter): String
    d: Status
  }
  enum Color { RED GREEN @deprecated(reason: "Use RED.") }
  input Filter { color: Color }
  enum Status { OPEN }
`;

const now = new Date('2026-03-10T12:00:00Z');
const window = { since: new Date('2026-03-09T12:00:00Z'), until: now };
const opA = (clients: ReturnType<typeof clientEntry>[]) =>
  operationEntry('query A { a b }', ['Query.a', 'Query.b'], clients, ['products', 'reviews']);
const opC = (clients: ReturnType<typeof clientEntry>[]) =>
  operationEntry('query C($f: Filter) { c(filter: $f) }', ['Query.c', 'Query.c(filter:)'], clients, ['products']);

describe.each(backends)('usage reports on $name', (backend) => {
  describe.skipIf(backend.skipReason !== undefined)(backendTitle(backend), () => {
    let db: RegistryDatabase;
    let close: () => Promise<void>;
    let variantId: string;

    beforeAll(async () => {
      const opened = await openTestDatabase(backend);
      db = opened.db;
      close = opened.close;
      variantId = (await ensureVariant(db, 'shop', 'prod')).variantId;
      // Another variant's usage must never show up.
      await ensureVariant(db, 'shop', 'staging');
      await ingestUsageReport(
        db,
        usageReport(
          new Date('2026-03-10T09:00:00Z'),
          [opA([clientEntry('web', '1.0', 3, 1), clientEntry('ios', '2.0', 2)])],
          'shop',
          'staging',
        ),
      );

      await ingestUsageReport(db, usageReport(new Date('2026-03-05T10:00:00Z'), [opC([clientEntry('web', '1.1', 6)])]));
      await ingestUsageReport(db, usageReport(new Date('2026-03-08T20:00:00Z'), [opA([clientEntry('web', '1.0', 5)])]));
      await ingestUsageReport(
        db,
        usageReport(new Date('2026-03-09T13:00:00Z'), [
          opC([{ ...clientEntry('web', '1.1', 4), variableCoordinates: { 'Filter.color': 4, 'Color.GREEN': 4 } }]),
        ]),
      );
      await ingestUsageReport(
        db,
        usageReport(new Date('2026-03-10T09:00:00Z'), [
          opA([clientEntry('web', '1.0', 3, 1), clientEntry('ios', '2.0', 2)]),
        ]),
      );
      // The 5 March hour moves to a daily row; reports read both.
      await rollupUsage(db, now);
    });
    afterAll(async () => close?.());

    it('fieldUsage lists every element of the API schema with requests, operations, clients, first/last seen and trend', async () => {
      const usage = await fieldUsage(db, { variantId, apiSchemaSdl, window });
      expect(usage.map((field) => field.coordinate)).toEqual([
        'Query.a',
        'Query.b',
        'Query.b(first:)',
        'Query.c',
        'Query.c(filter:)',
        'Query.d',
        'Color.RED',
        'Color.GREEN',
        'Filter.color',
        'Status.OPEN',
      ]);
      expect(usage.filter((field) => !field.measured).map((field) => field.coordinate)).toEqual(['Status.OPEN']);
      const byCoordinate = Object.fromEntries(usage.map((field) => [field.coordinate, field]));
      expect(byCoordinate['Query.a']).toEqual({
        coordinate: 'Query.a',
        kind: 'FIELD',
        deprecationReason: null,
        measured: true,
        requests: 5,
        operations: 1,
        clients: 2,
        firstSeen: '2026-03-08T20:00:00.000Z',
        // From the operation's own last seen: the end of the report window it was last in.
        lastSeen: '2026-03-10T09:00:10.000Z',
        trend: { current: 5, previous: 5, change: 0, direction: 'FLAT' },
      });
      expect(byCoordinate['Query.c']).toMatchObject({
        requests: 4,
        operations: 1,
        clients: 1,
        // The 5 March counts are daily rows now, but operation C keeps its exact first-seen time.
        firstSeen: '2026-03-05T10:00:00.000Z',
        trend: { current: 4, previous: 0, direction: 'NEW' },
      });
      // Reached only through variables: first/last seen come from the counts (hour precision).
      expect(byCoordinate['Color.GREEN']).toMatchObject({
        kind: 'ENUM_VALUE',
        requests: 4,
        operations: 0,
        deprecationReason: 'Use RED.',
        firstSeen: '2026-03-09T13:00:00.000Z',
        lastSeen: '2026-03-09T13:00:00.000Z',
      });
      expect(byCoordinate['Query.b(first:)']).toMatchObject({
        kind: 'ARGUMENT',
        requests: 0,
        clients: 0,
        firstSeen: null,
        trend: { direction: 'NONE' },
      });
    });

    it('unusedFields lists the elements no request used in the window', async () => {
      const unused = await unusedFields(db, { variantId, apiSchemaSdl, window });
      // Status is output-only: requests never name its values, so they are not listed as unused.
      expect(unused.map((field) => field.coordinate)).toEqual(['Query.b(first:)', 'Query.d', 'Color.RED']);
    });

    it('deprecatedFieldsInUse lists deprecated elements still used, their client versions and a zero forecast', async () => {
      const deprecated = await deprecatedFieldsInUse(db, { variantId, apiSchemaSdl, window });
      expect(deprecated).toEqual([
        {
          coordinate: 'Query.b',
          kind: 'FIELD',
          deprecationReason: 'Use a.',
          requests: 5,
          lastSeen: '2026-03-10T09:00:00.000Z',
          clients: [
            { name: 'web', version: '1.0', requests: 3, lastSeen: '2026-03-10T09:00:00.000Z' },
            { name: 'ios', version: '2.0', requests: 2, lastSeen: '2026-03-10T09:00:00.000Z' },
          ],
          daily: [{ day: '2026-03-10', count: 5 }],
          forecast: { status: 'NOT_ENOUGH_DATA', days: 1, slope: 0, intercept: 5, zeroDate: null },
        },
        {
          coordinate: 'Color.GREEN',
          kind: 'ENUM_VALUE',
          deprecationReason: 'Use RED.',
          requests: 4,
          lastSeen: '2026-03-09T13:00:00.000Z',
          clients: [{ name: 'web', version: '1.1', requests: 4, lastSeen: '2026-03-09T13:00:00.000Z' }],
          daily: [{ day: '2026-03-09', count: 4 }],
          forecast: { status: 'DECLINING', days: 2, slope: -4, intercept: 4, zeroDate: '2026-03-10' },
        },
      ]);
    });

    it('clientUsage counts requests, errors, operations and fields per client', async () => {
      expect(await clientUsage(db, { variantId, window })).toEqual([
        { name: 'web', versions: ['1.0', '1.1'], requests: 7, errors: 1, operations: 2, fields: 6 },
        { name: 'ios', versions: ['2.0'], requests: 2, errors: 0, operations: 1, fields: 2 },
      ]);
    });

    it('subgraphVolume counts each request for every subgraph its operation needs, per client version', async () => {
      expect(await subgraphVolume(db, { variantId, window })).toEqual([
        {
          subgraph: 'products',
          requests: 9,
          clients: [
            { name: 'web', version: '1.1', requests: 4 },
            { name: 'web', version: '1.0', requests: 3 },
            { name: 'ios', version: '2.0', requests: 2 },
          ],
        },
        {
          subgraph: 'reviews',
          requests: 5,
          clients: [
            { name: 'web', version: '1.0', requests: 3 },
            { name: 'ios', version: '2.0', requests: 2 },
          ],
        },
      ]);
    });

    it('coordinateUsage finds the clients and operations still using coordinates, leaving out excluded clients', async () => {
      const usage = await coordinateUsage(db, {
        variantId,
        coordinates: ['Query.b', 'Query.c', 'Nope.x'],
        since: new Date('2026-03-01T00:00:00Z'),
        excludeClients: ['ios'],
      });
      expect(usage).toEqual([
        {
          coordinate: 'Query.b',
          requests: 8,
          clients: [{ name: 'web', version: '1.0', requests: 8 }],
          operations: [
            {
              signature: opA([]).signature,
              name: 'A',
              type: 'query',
              requests: 8,
              lastSeen: '2026-03-10T09:00:10.000Z',
            },
          ],
        },
        {
          coordinate: 'Query.c',
          requests: 10,
          clients: [{ name: 'web', version: '1.1', requests: 10 }],
          operations: [
            {
              signature: opC([]).signature,
              name: 'C',
              type: 'query',
              requests: 10,
              lastSeen: '2026-03-09T13:00:10.000Z',
            },
          ],
        },
        { coordinate: 'Nope.x', requests: 0, clients: [], operations: [] },
      ]);
      const withIos = await coordinateUsage(db, { variantId, coordinates: ['Query.a'], since: window.since });
      expect(withIos[0]?.clients).toEqual([
        { name: 'web', version: '1.0', requests: 3 },
        { name: 'ios', version: '2.0', requests: 2 },
      ]);
    });
  });
});
