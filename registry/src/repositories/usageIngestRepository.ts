import { sql } from 'drizzle-orm';
import { columnsOf, qualified } from '../db/columnNames';
import { addHistograms, saturatingAdd } from '../db/counterSql';
import type { Executor } from '../db/openDatabase';
import { usageCoordinatesHourly, usageOperations, usageOperationsHourly } from '../db/schema/usage';

/** An operation's metadata as reports state it, and the span of their windows. */
export interface ReportedOperation {
  signature: string;
  name: string;
  type: string;
  document: string;
  coordinates: readonly string[];
  subgraphs: readonly string[];
  /** ISO timestamps: the earliest window start and the latest window end it was reported in. */
  firstSeen: string;
  lastSeen: string;
}

/** Requests, errors and latency of one operation by one client version in a bucket. */
export interface OperationCountRow {
  /** ISO start of the bucket. */
  bucket: string;
  signature: string;
  clientName: string;
  clientVersion: string;
  count: number;
  errors: number;
  latencyHistogram: readonly number[];
}

/** Requests that referenced one coordinate by one client version in a bucket. */
export interface CoordinateCountRow {
  /** ISO start of the bucket. */
  bucket: string;
  coordinate: string;
  clientName: string;
  clientVersion: string;
  count: number;
}

const operations = columnsOf(usageOperations);
const operationsHourly = columnsOf(usageOperationsHourly);
const coordinatesHourly = columnsOf(usageCoordinatesHourly);

// Rows travel as one JSON parameter per statement (`jsonb_to_recordset`): one bind parameter instead of thousands
// keeps parsing and planning cheap, the same on PostgreSQL and PGlite. Callers sort rows by key so concurrent
// reports of the same bucket lock rows in the same order and cannot deadlock.

/**
 * Inserts operations' metadata, or widens first/last seen and refreshes the coordinates and subgraphs (which follow
 * the schema) of known ones. Name, type and document follow from the signature and are written once.
 */
export async function upsertUsageOperations(
  tx: Executor,
  variantId: string,
  rows: readonly ReportedOperation[],
): Promise<void> {
  const o = operations;
  const t = (column: typeof o.firstSeen) => qualified('t', column);
  const excluded = (column: typeof o.firstSeen) => qualified('excluded', column);
  await tx.execute(sql`
    insert into ${usageOperations} as t
      (${o.variantId}, ${o.signature}, ${o.name}, ${o.type}, ${o.document}, ${o.coordinates}, ${o.subgraphs}, ${o.firstSeen}, ${o.lastSeen})
    select ${variantId}::uuid, r."signature", r."name", r."type", r."document",
      array(select jsonb_array_elements_text(r."coordinates")), array(select jsonb_array_elements_text(r."subgraphs")),
      r."firstSeen", r."lastSeen"
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r("signature" text, "name" text, "type" text, "document" text, "coordinates" jsonb, "subgraphs" jsonb,
        "firstSeen" timestamptz, "lastSeen" timestamptz)
    on conflict (${o.variantId}, ${o.signature}) do update set
      ${o.coordinates} = ${excluded(o.coordinates)}, ${o.subgraphs} = ${excluded(o.subgraphs)},
      ${o.firstSeen} = least(${t(o.firstSeen)}, ${excluded(o.firstSeen)}),
      ${o.lastSeen} = greatest(${t(o.lastSeen)}, ${excluded(o.lastSeen)})`);
}

/** Adds operation counts to their buckets, each counter saturating. */
export async function addOperationCounts(
  tx: Executor,
  variantId: string,
  rows: readonly OperationCountRow[],
): Promise<void> {
  const h = operationsHourly;
  const add = (column: typeof h.count) => saturatingAdd(qualified('t', column), qualified('excluded', column));
  await tx.execute(sql`
    insert into ${usageOperationsHourly} as t
      (${h.variantId}, ${h.hour}, ${h.signature}, ${h.clientName}, ${h.clientVersion}, ${h.count}, ${h.errors}, ${h.latencyHistogram})
    select ${variantId}::uuid, r."bucket", r."signature", r."clientName", r."clientVersion", r."count", r."errors",
      array(select jsonb_array_elements_text(r."latencyHistogram")::bigint)
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r("bucket" timestamptz, "signature" text, "clientName" text, "clientVersion" text, "count" bigint, "errors" bigint,
        "latencyHistogram" jsonb)
    on conflict (${h.variantId}, ${h.hour}, ${h.signature}, ${h.clientName}, ${h.clientVersion}) do update set
      ${h.count} = ${add(h.count)}, ${h.errors} = ${add(h.errors)},
      ${h.latencyHistogram} = ${addHistograms(qualified('t', h.latencyHistogram), qualified('excluded', h.latencyHistogram))}`);
}

/** Adds coordinate counts to their buckets, saturating. */
export async function addCoordinateCounts(
  tx: Executor,
  variantId: string,
  rows: readonly CoordinateCountRow[],
): Promise<void> {
  const h = coordinatesHourly;
  await tx.execute(sql`
    insert into ${usageCoordinatesHourly} as t
      (${h.variantId}, ${h.hour}, ${h.coordinate}, ${h.clientName}, ${h.clientVersion}, ${h.count})
    select ${variantId}::uuid, r."bucket", r."coordinate", r."clientName", r."clientVersion", r."count"
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r("bucket" timestamptz, "coordinate" text, "clientName" text, "clientVersion" text, "count" bigint)
    on conflict (${h.variantId}, ${h.hour}, ${h.coordinate}, ${h.clientName}, ${h.clientVersion}) do update set
      ${h.count} = ${saturatingAdd(qualified('t', h.count), qualified('excluded', h.count))}`);
}
