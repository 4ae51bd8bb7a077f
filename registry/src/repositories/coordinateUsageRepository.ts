import { type SQL, sql } from 'drizzle-orm';
import { columnsOf, qualified } from '../db/columnNames';
import type { Executor } from '../db/openDatabase';
import { usageOperations } from '../db/schema/usage';
import { rowsOf, textList, timestamp, toIso, toNumber } from '../db/sqlValues';
import {
  type CountRange,
  coordinateClients,
  coordinateCounts,
  coordinateTotalSources,
  firstWholeDay,
  operationCounts,
  startOfDay,
} from './usageCountSources';

// Reads of usage per schema coordinate. Numbers come back as numbers and times as ISO text (or null).

const o = columnsOf(usageOperations);
const op = (column: SQL) => qualified('op', column);

/** A window `[since, until)`. */
type Window = Required<CountRange>;

/** Requests of one coordinate over every client in a window and the one before it, and its first and last use in both. */
export interface CoordinateTotals {
  coordinate: string;
  requests: number;
  previous: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

/**
 * Requests per coordinate over every client in `window` and in `[previousSince, window.since)`, with first and last
 * use over both. The daily totals and the hourly rows are aggregated apart and joined per coordinate.
 */
export async function sumCoordinateTotals(
  db: Executor,
  variantId: string,
  window: Window,
  previousSince: Date,
): Promise<CoordinateTotals[]> {
  const { hourly, daily } = coordinateTotalSources(variantId, { since: previousSince, until: window.until });
  const since = timestamp(window.since);
  const firstDay = sql`${firstWholeDay(window.since)}::date`;
  const rows = rowsOf<{ coordinate: string; requests: unknown; previous: unknown; first: unknown; last: unknown }>(
    await db.execute(sql`
      with days as (
        select coordinate, sum(count) filter (where day >= ${firstDay}) as requests,
          sum(count) filter (where day < ${firstDay}) as previous, min(day) as first_day, max(day) as last_day
        from ${daily} as usage group by coordinate
      ), hours as (
        select coordinate, sum(count) filter (where at >= ${since}) as requests,
          sum(count) filter (where at < ${since}) as previous, min(at) as first_at, max(at) as last_at
        from ${hourly} as usage group by coordinate
      )
      select coordinate, coalesce(d.requests, 0) + coalesce(h.requests, 0) as requests,
        coalesce(d.previous, 0) + coalesce(h.previous, 0) as previous,
        coalesce(${startOfDay(sql`d.first_day`)}, h.first_at) as first,
        coalesce(h.last_at, ${startOfDay(sql`d.last_day`)}) as last
      from days d full join hours h using (coordinate)`),
  );
  return rows.map((row) => ({
    coordinate: row.coordinate,
    requests: toNumber(row.requests),
    previous: toNumber(row.previous),
    firstSeen: toIso(row.first),
    lastSeen: toIso(row.last),
  }));
}

/** Distinct client names per coordinate with requests in the window. */
export async function countClientsPerCoordinate(
  db: Executor,
  variantId: string,
  window: Window,
): Promise<Map<string, number>> {
  const rows = rowsOf<{ coordinate: string; clients: unknown }>(
    await db.execute(sql`
      select coordinate, count(*) as clients from ${coordinateClients(variantId, window)} as used group by coordinate`),
  );
  return new Map(rows.map((row) => [row.coordinate, toNumber(row.clients)]));
}

/** Distinct coordinates per client name with requests in the window. */
export async function countCoordinatesPerClient(
  db: Executor,
  variantId: string,
  window: Window,
): Promise<Map<string, number>> {
  const rows = rowsOf<{ client_name: string; fields: unknown }>(
    await db.execute(sql`
      select client_name, count(*) as fields from ${coordinateClients(variantId, window)} as used group by client_name`),
  );
  return new Map(rows.map((row) => [row.client_name, toNumber(row.fields)]));
}

/** Per coordinate: operations referencing it seen in the window, and when any of them was first and last seen. */
export interface CoordinateOperationSummary {
  operations: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

/**
 * Summarizes the operations of a variant per coordinate of their documents. Operations keep their own first/last
 * seen for the whole retention, so this answers first/last seen without scanning every count ever stored.
 */
export async function summarizeOperationsPerCoordinate(
  db: Executor,
  variantId: string,
  window: Window,
): Promise<Map<string, CoordinateOperationSummary>> {
  const rows = rowsOf<{ coordinate: string; operations: unknown; first_seen: unknown; last_seen: unknown }>(
    await db.execute(sql`
      select coordinate,
        count(*) filter (where ${o.lastSeen} >= ${timestamp(window.since)} and ${o.firstSeen} < ${timestamp(window.until)}) as operations,
        min(${o.firstSeen}) as first_seen, max(${o.lastSeen}) as last_seen
      from ${usageOperations}, unnest(${o.coordinates}) as coordinate
      where ${o.variantId} = ${variantId} and ${o.firstSeen} < ${timestamp(window.until)}
      group by coordinate`),
  );
  return new Map(
    rows.map((row) => [
      row.coordinate,
      { operations: toNumber(row.operations), firstSeen: toIso(row.first_seen), lastSeen: toIso(row.last_seen) },
    ]),
  );
}

/** Requests of one coordinate by one client version. */
export interface CoordinateClientRequests {
  coordinate: string;
  clientName: string;
  clientVersion: string;
  requests: number;
  lastSeen: string | null;
}

/** Usage of some coordinates per client version, and per coordinate and UTC day. */
export interface CoordinateUsageByClientAndDay {
  byClient: CoordinateClientRequests[];
  byDay: { coordinate: string; day: string; requests: number }[];
}

/**
 * Requests of the given coordinates in a range, per client version (with last use) and per coordinate and UTC
 * day, from one scan (grouping sets). Client names in `excludeClients` are left out.
 */
export async function sumCoordinateUsage(
  db: Executor,
  variantId: string,
  input: { coordinates: readonly string[]; range: CountRange; excludeClients?: readonly string[]; byDay?: boolean },
): Promise<CoordinateUsageByClientAndDay> {
  if (input.coordinates.length === 0) return { byClient: [], byDay: [] };
  const excluded = input.excludeClients?.length
    ? sql`and not (client_name = any(${textList(input.excludeClients)}))`
    : sql``;
  const day = sql`(at at time zone 'UTC')::date`;
  const groups: SQL = input.byDay
    ? sql`grouping sets ((coordinate, client_name, client_version), (coordinate, ${day}))`
    : sql`coordinate, client_name, client_version`;
  const rows = rowsOf<{
    coordinate: string;
    client_name: string | null;
    client_version: string | null;
    day: unknown;
    requests: unknown;
    last_seen: unknown;
  }>(
    await db.execute(sql`
      select coordinate, client_name, client_version,
        ${input.byDay ? sql`to_char(${day}, 'YYYY-MM-DD')` : sql`null`} as day, sum(count) as requests, max(at) as last_seen
      from ${coordinateCounts(variantId, input.range)} as usage
      where coordinate = any(${textList(input.coordinates)}) ${excluded}
      group by ${groups}`),
  );
  const usage: CoordinateUsageByClientAndDay = { byClient: [], byDay: [] };
  for (const row of rows) {
    if (row.client_name !== null && row.client_version !== null) {
      usage.byClient.push({
        coordinate: row.coordinate,
        clientName: row.client_name,
        clientVersion: row.client_version,
        requests: toNumber(row.requests),
        lastSeen: toIso(row.last_seen),
      });
    } else {
      usage.byDay.push({ coordinate: row.coordinate, day: String(row.day), requests: toNumber(row.requests) });
    }
  }
  return usage;
}

/** Requests of the operations referencing one of the given coordinates, per coordinate and operation. */
export interface CoordinateOperationRequests {
  coordinate: string;
  signature: string;
  name: string;
  type: string;
  requests: number;
  lastSeen: string | null;
}

/** Requests since a time of the operations whose documents reference the given coordinates, leaving out excluded clients. */
export async function sumCoordinateOperationRequests(
  db: Executor,
  variantId: string,
  input: { coordinates: readonly string[]; since: Date; until?: Date; excludeClients?: readonly string[] },
): Promise<CoordinateOperationRequests[]> {
  if (input.coordinates.length === 0) return [];
  const coordinates = textList(input.coordinates);
  const rows = rowsOf<{
    coordinate: string;
    signature: string;
    name: string;
    type: string;
    requests: unknown;
    last_seen: unknown;
  }>(
    await db.execute(sql`
      with referencing as (
        select ${op(o.signature)} as signature from ${usageOperations} op
        where ${op(o.variantId)} = ${variantId} and ${op(o.coordinates)} && ${coordinates}
      ), requested as (
        select signature, sum(count) as requests
        from ${operationCounts(variantId, { since: input.since, until: input.until })} as usage
        where signature in (select signature from referencing)
          and not (client_name = any(${textList(input.excludeClients ?? [])}))
        group by signature
      )
      select coordinate, ${op(o.signature)} as signature, ${op(o.name)} as name, ${op(o.type)} as type, r.requests,
        ${op(o.lastSeen)} as last_seen
      from ${usageOperations} op cross join unnest(${op(o.coordinates)}) as coordinate
      join requested r on r.signature = ${op(o.signature)}
      where ${op(o.variantId)} = ${variantId} and ${op(o.coordinates)} && ${coordinates} and coordinate = any(${coordinates})`),
  );
  return rows.map((row) => ({
    coordinate: row.coordinate,
    signature: row.signature,
    name: row.name,
    type: row.type,
    requests: toNumber(row.requests),
    lastSeen: toIso(row.last_seen),
  }));
}

/** The coordinates each client version's requests referenced in the window (one client version when given). */
export async function listCoordinatesPerClientVersion(
  db: Executor,
  variantId: string,
  window: Window,
  client?: { name: string; version: string },
): Promise<{ clientName: string; clientVersion: string; coordinate: string }[]> {
  const only = client ? sql`where client_name = ${client.name} and client_version = ${client.version}` : sql``;
  const rows = rowsOf<{ client_name: string; client_version: string; coordinate: string }>(
    await db.execute(sql`
      select client_name, client_version, coordinate from ${coordinateCounts(variantId, window)} as usage ${only}
      group by client_name, client_version, coordinate`),
  );
  return rows.map((row) => ({
    clientName: row.client_name,
    clientVersion: row.client_version,
    coordinate: row.coordinate,
  }));
}

/** Requests per time bucket (`bucket` is an expression over `at` giving ISO text) of one coordinate, optionally of one client name. */
export async function coordinateRequestSeries(
  db: Executor,
  variantId: string,
  input: { window: Window; coordinate: string; client?: string | null; bucket: SQL },
): Promise<{ time: string; requests: number }[]> {
  const client = input.client ? sql`and client_name = ${input.client}` : sql``;
  const rows = rowsOf<{ time: string; requests: unknown }>(
    await db.execute(sql`
      select ${input.bucket} as time, sum(count) as requests
      from ${coordinateCounts(variantId, input.window)} as usage
      where coordinate = ${input.coordinate} ${client}
      group by 1`),
  );
  return rows.map((row) => ({ time: row.time, requests: toNumber(row.requests) }));
}

/** Requests of one operation referencing a coordinate, by one client version. */
export interface CoordinateClientOperation {
  clientName: string;
  clientVersion: string;
  signature: string;
  name: string;
  type: string;
  requests: number;
}

/**
 * One coordinate's operations in a window, per client version: the operations whose documents reference it and
 * their requests; and the exact first and last time any of them was seen (operations keep their own timestamps).
 */
export async function findCoordinateOperations(
  db: Executor,
  variantId: string,
  input: { coordinate: string; window: Window },
): Promise<{ operations: CoordinateClientOperation[]; firstSeen: string | null; lastSeen: string | null }> {
  const coordinates = textList([input.coordinate]);
  const [operationRows, seenRows] = await Promise.all([
    db.execute(sql`
      with referencing as (
        select ${op(o.signature)} as signature, ${op(o.name)} as name, ${op(o.type)} as type from ${usageOperations} op
        where ${op(o.variantId)} = ${variantId} and ${op(o.coordinates)} @> ${coordinates}
      )
      select usage.client_name, usage.client_version, r.signature, r.name, r.type, sum(usage.count) as requests
      from ${operationCounts(variantId, input.window)} as usage join referencing r on r.signature = usage.signature
      group by usage.client_name, usage.client_version, r.signature, r.name, r.type`),
    db.execute(sql`
      select min(${o.firstSeen}) as first_seen, max(${o.lastSeen}) as last_seen from ${usageOperations}
      where ${o.variantId} = ${variantId} and ${o.coordinates} @> ${coordinates}`),
  ]);
  const seen = rowsOf<{ first_seen: unknown; last_seen: unknown }>(seenRows)[0];
  return {
    operations: rowsOf<{
      client_name: string;
      client_version: string;
      signature: string;
      name: string;
      type: string;
      requests: unknown;
    }>(operationRows).map((row) => ({
      clientName: row.client_name,
      clientVersion: row.client_version,
      signature: row.signature,
      name: row.name,
      type: row.type,
      requests: toNumber(row.requests),
    })),
    firstSeen: toIso(seen?.first_seen),
    lastSeen: toIso(seen?.last_seen),
  };
}
