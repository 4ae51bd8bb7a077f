import { type SQL, sql } from 'drizzle-orm';
import { columnsOf, qualified } from '../db/columnNames';
import type { Executor } from '../db/openDatabase';
import { usageOperations } from '../db/schema/usage';
import { rowsOf, textList, toIso, toNumber } from '../db/sqlValues';
import { LATENCY_HISTOGRAM_SIZE } from '../usage/contract';
import { type CountRange, operationCounts, operationHistograms, operationTotals } from './usageCountSources';

// Reads of usage per operation and client. Numbers come back as numbers and times as ISO text (or null).

const o = columnsOf(usageOperations);
const op = (column: SQL) => qualified('op', column);

/** A window `[since, until)`. */
type Window = Required<CountRange>;

/** What one client name did in a window. */
export interface ClientSummary {
  name: string;
  /** Versions seen, sorted. */
  versions: string[];
  requests: number;
  errors: number;
  /** Distinct operations (signatures). */
  operations: number;
}

/** Per client name: versions, requests, errors and distinct operations in the window. */
export async function summarizeClients(db: Executor, variantId: string, window: Window): Promise<ClientSummary[]> {
  // Two-stage grouping (hash aggregates) rather than count(distinct …) over every row.
  const rows = rowsOf<{ name: string; versions: string[]; requests: unknown; errors: unknown; operations: unknown }>(
    await db.execute(sql`
      with per_operation as (
        select client_name, client_version, signature, sum(count) as requests, sum(errors) as errors
        from ${operationCounts(variantId, window)} as usage
        group by client_name, client_version, signature
      )
      select client_name as name, array_agg(distinct client_version order by client_version) as versions,
        sum(requests) as requests, sum(errors) as errors, count(distinct signature) as operations
      from per_operation
      group by client_name`),
  );
  return rows.map((row) => ({
    name: row.name,
    versions: row.versions,
    requests: toNumber(row.requests),
    errors: toNumber(row.errors),
    operations: toNumber(row.operations),
  }));
}

/** Requests and errors per client version in the window. */
export async function sumClientVersionRequests(
  db: Executor,
  variantId: string,
  window: Window,
): Promise<{ name: string; version: string; requests: number; errors: number }[]> {
  const rows = rowsOf<{ client_name: string; client_version: string; requests: unknown; errors: unknown }>(
    await db.execute(sql`
      select client_name, client_version, sum(count) as requests, sum(errors) as errors
      from ${operationCounts(variantId, window)} as usage
      group by client_name, client_version`),
  );
  return rows.map((row) => ({
    name: row.client_name,
    version: row.client_version,
    requests: toNumber(row.requests),
    errors: toNumber(row.errors),
  }));
}

/** The variant's requests since a time, leaving out some client names. */
export async function sumRequestsSince(
  db: Executor,
  variantId: string,
  since: Date,
  excludeClients: readonly string[],
): Promise<number> {
  const [row] = rowsOf<{ requests: unknown }>(
    await db.execute(sql`
      select sum(count) as requests from ${operationCounts(variantId, { since })} as usage
      where not (client_name = any(${textList(excludeClients)}))`),
  );
  return toNumber(row?.requests);
}

/** One operation's requests in a window (by one client version, or by every client when the names are empty). */
export interface OperationSummary {
  clientName: string;
  clientVersion: string;
  signature: string;
  name: string;
  type: string;
  document: string;
  firstSeen: string | null;
  lastSeen: string | null;
  requests: number;
  errors: number;
  /** Requests per latency bucket, `LATENCY_HISTOGRAM_SIZE` slots. */
  latencyHistogram: number[];
}

const slots = Array.from({ length: LATENCY_HISTOGRAM_SIZE }, (_, i) => i + 1);

/**
 * Every operation requested in the window with its metadata, requests, errors and summed latency histogram; per
 * client version when `perClient`, of one client version when `client` is given, else over every client (read
 * from the daily totals over clients, a fraction of the per-client rows).
 */
export async function summarizeOperations(
  db: Executor,
  variantId: string,
  input: { window: Window; perClient: boolean; client?: { name: string; version: string } },
): Promise<OperationSummary[]> {
  const allClients = !input.perClient && !input.client;
  const only = input.client
    ? sql`where client_name = ${input.client.name} and client_version = ${input.client.version}`
    : sql``;
  const client = input.perClient ? sql`client_name, client_version` : sql`'' as client_name, '' as client_version`;
  const group = input.perClient ? sql`, client_name, client_version` : sql``;
  // Each slot summed by subscript: no unnest of every row's histogram.
  const slotSums = sql.join(
    slots.map((slot) => sql`sum(latency_histogram[${sql.raw(String(slot))}]) as ${sql.identifier(`slot_${slot}`)}`),
    sql`, `,
  );
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      with per_operation as (
        select ${client}, signature, sum(count) as requests, sum(errors) as errors, ${slotSums}
        from ${operationHistograms(variantId, input.window, allClients)} as usage ${only}
        group by signature ${group}
      )
      select p.*, ${op(o.name)} as name, ${op(o.type)} as type, ${op(o.document)} as document,
        ${op(o.firstSeen)} as first_seen, ${op(o.lastSeen)} as last_seen
      from per_operation p
      join ${usageOperations} op on ${op(o.variantId)} = ${variantId} and ${op(o.signature)} = p.signature`),
  );
  return rows.map((row) => ({
    clientName: String(row.client_name),
    clientVersion: String(row.client_version),
    signature: String(row.signature),
    name: String(row.name),
    type: String(row.type),
    document: String(row.document),
    firstSeen: toIso(row.first_seen),
    lastSeen: toIso(row.last_seen),
    requests: toNumber(row.requests),
    errors: toNumber(row.errors),
    latencyHistogram: slots.map((slot) => toNumber(row[`slot_${slot}`])),
  }));
}

/** Requests per subgraph and client version in the window: a request counts for every subgraph its operation needs. */
export async function sumSubgraphRequests(
  db: Executor,
  variantId: string,
  window: Window,
): Promise<{ subgraph: string; clientName: string; clientVersion: string; requests: number }[]> {
  const rows = rowsOf<{ subgraph: string; client_name: string; client_version: string; requests: unknown }>(
    await db.execute(sql`
      with per_operation as (
        select signature, client_name, client_version, sum(count) as requests
        from ${operationCounts(variantId, window)} as usage
        group by signature, client_name, client_version
      )
      select subgraph, p.client_name, p.client_version, sum(p.requests) as requests
      from per_operation p
      join ${usageOperations} op on ${op(o.variantId)} = ${variantId} and ${op(o.signature)} = p.signature
      cross join unnest(${op(o.subgraphs)}) as subgraph
      group by subgraph, p.client_name, p.client_version`),
  );
  return rows.map((row) => ({
    subgraph: row.subgraph,
    clientName: row.client_name,
    clientVersion: row.client_version,
    requests: toNumber(row.requests),
  }));
}

/** Requests and errors per time bucket (`bucket`: an expression over `at` giving ISO text), optionally of one client name. */
export async function operationRequestSeries(
  db: Executor,
  variantId: string,
  input: { window: Window; client?: string | null; bucket: SQL },
): Promise<{ time: string; requests: number; errors: number }[]> {
  const client = input.client ? sql`where client_name = ${input.client}` : sql``;
  const rows = rowsOf<{ time: string; requests: unknown; errors: unknown }>(
    await db.execute(sql`
      select ${input.bucket} as time, sum(count) as requests, sum(errors) as errors
      from ${input.client ? operationCounts(variantId, input.window) : operationTotals(variantId, input.window)} as usage
      ${client}
      group by 1`),
  );
  return rows.map((row) => ({ time: row.time, requests: toNumber(row.requests), errors: toNumber(row.errors) }));
}

/** Errors per time bucket of the operations whose documents reference a coordinate, optionally of one client name. */
export async function coordinateErrorSeries(
  db: Executor,
  variantId: string,
  input: { window: Window; coordinate: string; client?: string | null; bucket: SQL },
): Promise<{ time: string; errors: number }[]> {
  const client = input.client ? sql`and usage.client_name = ${input.client}` : sql``;
  const rows = rowsOf<{ time: string; errors: unknown }>(
    await db.execute(sql`
      select ${input.bucket} as time, sum(usage.errors) as errors
      from ${operationCounts(variantId, input.window)} as usage
      join ${usageOperations} op on ${op(o.variantId)} = ${variantId} and ${op(o.signature)} = usage.signature
      where ${op(o.coordinates)} && ${textList([input.coordinate])} ${client}
      group by 1`),
  );
  return rows.map((row) => ({ time: row.time, errors: toNumber(row.errors) }));
}
