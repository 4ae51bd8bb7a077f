import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { asc, sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryDatabase } from '../db/openDatabase';
import { usageCoordinatesHourly } from '../db/schema/usage';
import { rowsOf } from '../db/sqlValues';
import { backendTitle, openTestDatabase, storageBackends } from '../db/testing/testDatabase';
import { ErrorCode, SwitchyardError } from '../errors';
import { ensureVariant } from '../repositories/graphRepository';
import type { Principal } from '../tokens/Principal';
import { UsageReportLimits } from './contract';
import { foldUsageInbox } from './foldUsageInbox';
import { ingestUsageReport } from './testing/ingestUsageReport';
import { clientEntry, operationEntry, usageReport } from './testing/reportFixtures';
import { type UsageIngestDependencies, usageRoute } from './usageRoute';

const backends = await storageBackends();

const principals: Record<string, Principal> = {
  'report-shop': { tokenId: '1', name: 'gw', scope: 'REPORT', graph: 'shop', subgraphs: [] },
  'report-other': { tokenId: '2', name: 'gw', scope: 'REPORT', graph: 'other', subgraphs: [] },
  'read-shop': { tokenId: '3', name: 'ui', scope: 'READ', graph: 'shop', subgraphs: [] },
};

async function post(
  url: string,
  body: Buffer | string,
  headers: Record<string, string>,
): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Serves `POST /v1/usage` alone on a free port. */
async function listenUsage(deps: UsageIngestDependencies): Promise<{ url: string; close(): Promise<void> }> {
  const app = Fastify();
  await app.register(usageRoute(deps));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/v1/usage`,
    close: () => app.close(),
  };
}

describe.each(backends)('the usage endpoint on $name', (backend) => {
  describe.skipIf(backend.skipReason !== undefined)(backendTitle(backend), () => {
    let db: RegistryDatabase;
    let close: () => Promise<void>;
    let server: { url: string; close(): Promise<void> };
    let url: string;

    beforeAll(async () => {
      const opened = await openTestDatabase(backend);
      db = opened.db;
      close = opened.close;
      await ensureVariant(db, 'shop', 'prod');
      await ensureVariant(db, 'shop', 'staging');
      server = await listenUsage({
        db,
        maxBodyBytes: 64 * 1024,
        maxDecompressedBytes: 256 * 1024,
        // The reports below are dated 10 March 2026.
        now: () => Date.parse('2026-03-10T15:00:00Z'),
        async authenticate(header) {
          const principal = principals[header?.replace(/^Bearer /, '') ?? ''];
          if (!principal) throw new SwitchyardError(ErrorCode.UNAUTHENTICATED, 'The token is not valid.');
          return principal;
        },
      });
      url = server.url;
    });
    afterAll(async () => {
      await server?.close();
      await close?.();
    });

    it('adds up concurrent reports of the same hour without losing counts or deadlocking', async () => {
      await ensureVariant(db, 'concurrent', 'prod');
      const coordinates = Array.from({ length: 200 }, (_, i) => `Query.f${i}`);
      const reports = Array.from({ length: 6 }, (_, r) =>
        usageReport(
          new Date('2026-03-10T10:00:00Z'),
          [
            // Different orders of the same rows in each report: sorted before writing, so locks are taken in one order.
            operationEntry('query C { c }', r % 2 ? coordinates : [...coordinates].reverse(), [
              clientEntry('web', '1', 2),
              clientEntry('ios', '1', 1),
            ]),
          ],
          'concurrent',
        ),
      );
      const results = await Promise.all(reports.map((report) => ingestUsageReport(db, report)));
      expect(results.every((result) => result.ok)).toBe(true);
      const rows = await db.execute(sql`
        select sum(count) as total, count(*) as rows from registry.usage_coordinates_hourly h
        join registry.variants v on v.id = h.variant_id join registry.graphs g on g.id = v.graph_id
        where g.name = 'concurrent'`);
      const [row] = rowsOf<{ total: unknown; rows: unknown }>(rows);
      expect({ total: Number(row?.total), rows: Number(row?.rows) }).toEqual({ total: 6 * 200 * 3, rows: 400 });
    });

    it('counts a report once however often it is sent, even twice at the same time', async () => {
      await ensureVariant(db, 'resent', 'prod');
      const report = usageReport(
        new Date('2026-03-10T12:00:00Z'),
        [operationEntry('query S { s }', ['Query.s'], [clientEntry('web', '1', 7)])],
        'resent',
      );
      const body = gzipSync(JSON.stringify({ ...report, graph: 'shop', variant: 'staging' }));
      const headers = { authorization: 'Bearer report-shop', 'content-encoding': 'gzip' };
      expect(await post(url, body, headers)).toEqual({ status: 202, json: { accepted: { operations: 1 } } });
      expect(await post(url, body, headers)).toEqual({
        status: 202,
        json: { accepted: { operations: 1, duplicate: true } },
      });
      const again = { ...report, id: randomUUID() };
      const both = await Promise.all([ingestUsageReport(db, again), ingestUsageReport(db, again)]);
      expect(both.map((result) => result.ok && result.duplicate).sort()).toEqual([false, true]);
      const counts = await db
        .select({ coordinate: usageCoordinatesHourly.coordinate, count: usageCoordinatesHourly.count })
        .from(usageCoordinatesHourly)
        .where(sql`${usageCoordinatesHourly.coordinate} = 'Query.s'`);
      expect(counts).toEqual([
        { coordinate: 'Query.s', count: 7 },
        { coordinate: 'Query.s', count: 7 },
      ]);
    });

    it('refuses absurd counts with 400 and still counts the next honest report of the hour', async () => {
      const at = new Date('2026-03-10T13:00:00Z');
      const auth = { authorization: 'Bearer report-shop' };
      const forged = usageReport(at, [
        operationEntry('query F { f }', ['Query.f'], [clientEntry('forger', '1', Number.MAX_SAFE_INTEGER)]),
      ]);
      expect(await post(url, JSON.stringify(forged), auth)).toMatchObject({
        status: 400,
        json: {
          error: {
            code: 'BAD_USAGE_REPORT',
            issues: expect.arrayContaining([expect.stringMatching(/^operations\.0\.clients\.0\.count: .*10000000000/)]),
          },
        },
      });
      // A counter already at the top of bigint (written before the limit existed) saturates instead of failing.
      const honest = () =>
        usageReport(at, [operationEntry('query F { f }', ['Query.f'], [clientEntry('web', '1', 2)])]);
      expect(await post(url, JSON.stringify(honest()), auth)).toMatchObject({ status: 202 });
      await foldUsageInbox(db);
      await db.execute(sql`update registry.usage_coordinates_hourly set count = 9223372036854775000
        where coordinate = 'Query.f' and client_name = 'web'`);
      expect(await post(url, JSON.stringify(honest()), auth)).toMatchObject({ status: 202 });
      await foldUsageInbox(db);
      const [row] = rowsOf<{ count: string }>(
        await db.execute(sql`select count::text as count from registry.usage_coordinates_hourly
          where coordinate = 'Query.f' and client_name = 'web'`),
      );
      expect(row?.count).toBe('9223372036854775002');
      for (let i = 0; i < 2; i++) {
        const full = usageReport(at, [
          operationEntry('query F { f }', ['Query.f'], [clientEntry('web', '1', UsageReportLimits.maxCountPerEntry)]),
        ]);
        expect(await post(url, JSON.stringify(full), auth)).toMatchObject({ status: 202 });
      }
      await foldUsageInbox(db);
      const [top] = rowsOf<{ count: string }>(
        await db.execute(sql`select count::text as count from registry.usage_coordinates_hourly
          where coordinate = 'Query.f' and client_name = 'web'`),
      );
      expect(top?.count).toBe('9223372036854775807');
    });

    it('counts the rest of a report when some entries break the contract, naming each refused one', async () => {
      const at = new Date('2026-03-10T14:00:00Z');
      const report = usageReport(at, [
        operationEntry('query P1 { p }', ['Query.p'], [clientEntry('web', '1', 3), clientEntry('ios', '1', 2)]),
        { ...operationEntry('query P2 { p }', ['Query.p'], [clientEntry('web', '1', 1)]), coordinates: ['not one'] },
        operationEntry(
          'query P3 { p }',
          ['Query.p'],
          [{ ...clientEntry('x', '1', 5), name: { sub: 1 } as unknown as string }, clientEntry('android', '1', 4)],
        ),
      ]);
      const response = await post(url, gzipSync(JSON.stringify(report)), {
        authorization: 'Bearer report-shop',
        'content-encoding': 'gzip',
      });
      expect(response).toEqual({
        status: 202,
        json: {
          accepted: { operations: 2 },
          refused: [
            { operation: 1, code: 'INVALID_ENTRY', message: 'operations.1.coordinates.0: must be a schema coordinate' },
            { operation: 2, client: 0, code: 'INVALID_ENTRY', message: expect.stringMatching(/clients\.0\.name: /) },
          ],
          refusedEntries: 2,
        },
      });
      await foldUsageInbox(db);
      const counts = await db
        .select({ client: usageCoordinatesHourly.clientName, count: usageCoordinatesHourly.count })
        .from(usageCoordinatesHourly)
        .where(sql`${usageCoordinatesHourly.coordinate} = 'Query.p'`)
        .orderBy(asc(usageCoordinatesHourly.clientName));
      expect(counts).toEqual([
        { client: 'android', count: 4 },
        { client: 'ios', count: 2 },
        { client: 'web', count: 3 },
      ]);
    });

    it('refuses windows far in the future or past their age with a code, and takes small clock skew', async () => {
      const auth = { authorization: 'Bearer report-shop' };
      const at = (iso: string) =>
        JSON.stringify(
          usageReport(new Date(iso), [operationEntry('query T { t }', ['Query.t'], [clientEntry('web', '1', 1)])]),
        );
      expect(await post(url, at('2099-01-01T00:00:00Z'), auth)).toMatchObject({
        status: 400,
        json: { error: { code: 'USAGE_WINDOW_IN_FUTURE', window: { start: '2099-01-01T00:00:00.000Z' } } },
      });
      expect(await post(url, at('1970-01-01T00:00:00Z'), auth)).toMatchObject({
        status: 400,
        json: { error: { code: 'USAGE_WINDOW_TOO_OLD', message: expect.stringContaining('48 hours') } },
      });
      // 4 minutes ahead (the window ends 10 s after it starts) and 47 hours back are still counted.
      expect(await post(url, at('2026-03-10T15:03:50Z'), auth)).toMatchObject({ status: 202 });
      expect(await post(url, at('2026-03-08T16:00:00Z'), auth)).toMatchObject({ status: 202 });
      await foldUsageInbox(db);
      const rows = await db
        .select({ hour: usageCoordinatesHourly.hour, count: usageCoordinatesHourly.count })
        .from(usageCoordinatesHourly)
        .where(sql`${usageCoordinatesHourly.coordinate} = 'Query.t'`)
        .orderBy(asc(usageCoordinatesHourly.hour));
      expect(rows.map((row) => [row.hour.toISOString(), row.count])).toEqual([
        ['2026-03-08T16:00:00.000Z', 1],
        ['2026-03-10T15:00:00.000Z', 1],
      ]);
    });

    it('applies the configured clock skew, report age and count limits instead of the defaults', async () => {
      const strict = await listenUsage({
        db,
        now: () => Date.parse('2026-03-10T15:00:00Z'),
        limits: { maxClockSkewMs: 60_000, maxReportAgeMs: 3_600_000, maxCountPerEntry: 100 },
        authenticate: async () => ({ tokenId: '1', name: 'gw', scope: 'REPORT', graph: 'shop', subgraphs: [] }),
      });
      const strictUrl = strict.url;
      try {
        const at = (iso: string, count = 1) =>
          JSON.stringify(
            usageReport(new Date(iso), [
              operationEntry('query L { l }', ['Query.l'], [clientEntry('web', '1', count)]),
            ]),
          );
        // Taken by the defaults (5 minutes ahead, 48 hours back, 10 billion), refused by these settings.
        expect(await post(strictUrl, at('2026-03-10T15:03:50Z'), {})).toMatchObject({
          status: 400,
          json: { error: { code: 'USAGE_WINDOW_IN_FUTURE', message: expect.stringContaining('1 minute after') } },
        });
        expect(await post(strictUrl, at('2026-03-10T13:30:00Z'), {})).toMatchObject({
          status: 400,
          json: { error: { code: 'USAGE_WINDOW_TOO_OLD', message: expect.stringContaining('1 hour before') } },
        });
        expect(await post(strictUrl, at('2026-03-10T14:30:00Z', 101), {})).toMatchObject({
          status: 400,
          json: {
            error: { code: 'BAD_USAGE_REPORT' },
            refused: [{ operation: 0, client: 0, code: 'COUNT_TOO_LARGE' }],
          },
        });
        expect(await post(strictUrl, at('2026-03-10T14:30:00Z', 100), {})).toMatchObject({ status: 202 });
        expect(await post(url, at('2026-03-10T13:30:00Z', 101), { authorization: 'Bearer report-shop' })).toMatchObject(
          { status: 202 },
        );
      } finally {
        await strict.close();
      }
    });

    it('takes a gzip report through the HTTP handler into the database', async () => {
      const report = usageReport(new Date('2026-03-10T11:00:00Z'), [
        operationEntry('query H { h }', ['Query.h'], [clientEntry('cli', '9', 5)]),
      ]);
      const response = await post(url, gzipSync(JSON.stringify(report)), {
        authorization: 'Bearer report-shop',
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      });
      expect(response).toEqual({ status: 202, json: { accepted: { operations: 1 } } });
      await foldUsageInbox(db);
      const [row] = await db
        .select({ count: usageCoordinatesHourly.count })
        .from(usageCoordinatesHourly)
        .where(sql`${usageCoordinatesHourly.coordinate} = 'Query.h'`);
      expect(row).toEqual({ count: 5 });
    });

    it('answers 503 USAGE_INBOX_FULL with Retry-After while the inbox is full, which a gateway retries', async () => {
      await foldUsageInbox(db);
      const full = await listenUsage({
        db,
        maxPendingReports: 1,
        now: () => Date.parse('2026-03-10T15:00:00Z'),
        authenticate: async () => principals['report-shop'] as Principal,
      });
      const report = () =>
        JSON.stringify(
          usageReport(new Date('2026-03-10T14:00:00Z'), [
            operationEntry('query I { i }', ['Query.i'], [clientEntry('web', '1', 1)]),
          ]),
        );
      const accepted: string[] = [];
      try {
        expect(await post(full.url, report(), {})).toMatchObject({ status: 202 });
        const refused = await new Promise<{ status: number; retryAfter: unknown; body: string }>((resolve, reject) => {
          const req = request(full.url, { method: 'POST' }, (res) => {
            let body = '';
            res.on('data', (chunk: Buffer) => {
              body += chunk.toString('utf8');
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body }));
          });
          req.on('error', reject);
          req.end(report());
        });
        expect(refused).toMatchObject({ status: 503, retryAfter: '10' });
        expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'USAGE_INBOX_FULL' } });
        await foldUsageInbox(db);
        const again = await post(full.url, report(), {});
        accepted.push(String(again.status));
      } finally {
        await full.close();
      }
      expect(accepted).toEqual(['202']);
      await foldUsageInbox(db);
    });

    it('answers with the code a gateway acts on for each kind of bad request', async () => {
      const report = usageReport(new Date('2026-03-10T11:00:00Z'), [
        operationEntry('query H { h }', ['Query.h'], [clientEntry('cli', '9', 5)]),
      ]);
      const json = JSON.stringify(report);
      const gzip = { 'content-encoding': 'gzip' };
      expect(await post(url, gzipSync(json), gzip)).toMatchObject({
        status: 401,
        json: { error: { code: 'UNAUTHENTICATED' } },
      });
      expect(await post(url, gzipSync(json), { ...gzip, authorization: 'Bearer read-shop' })).toMatchObject({
        status: 403,
        json: { error: { code: 'FORBIDDEN' } },
      });
      expect(await post(url, gzipSync(json), { ...gzip, authorization: 'Bearer report-other' })).toMatchObject({
        status: 403,
        json: { error: { code: 'FORBIDDEN', message: 'This token may not report usage for graph "shop".' } },
      });
      const auth = { authorization: 'Bearer report-shop' };
      expect(await post(url, 'not gzip', { ...gzip, ...auth })).toMatchObject({
        status: 400,
        json: { error: { code: 'BAD_USAGE_REPORT' } },
      });
      expect(await post(url, gzipSync('{"graph":'), { ...gzip, ...auth })).toMatchObject({
        status: 400,
        json: { error: { code: 'BAD_USAGE_REPORT' } },
      });
      expect(await post(url, JSON.stringify({ ...report, operations: 'many' }), auth)).toEqual({
        status: 400,
        json: {
          error: {
            code: 'BAD_USAGE_REPORT',
            message: 'The usage report breaks the contract.',
            issues: ['operations: Invalid input: expected array, received string'],
          },
        },
      });
      expect(await post(url, JSON.stringify({ ...report, variant: 'nope' }), auth)).toMatchObject({
        status: 400,
        json: { error: { code: 'BAD_USAGE_REPORT' } },
      });
      // A small body that inflates past the cap (a "zip bomb") is refused without inflating it all.
      const bomb = gzipSync(Buffer.alloc(1024 * 1024, 32));
      expect(bomb.length).toBeLessThan(64 * 1024);
      expect(await post(url, bomb, { ...gzip, ...auth })).toMatchObject({
        status: 413,
        json: { error: { code: 'PAYLOAD_TOO_LARGE' } },
      });
      expect(await post(url, Buffer.alloc(65 * 1024, 32), auth)).toMatchObject({
        status: 413,
        json: { error: { code: 'PAYLOAD_TOO_LARGE' } },
      });
    });
  });
});
