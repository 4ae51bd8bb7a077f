import { sql } from 'drizzle-orm';
import { bigint, customType, date, index, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { variants } from './graphs';
import { registry } from './registrySchema';

// Usage is aggregated on arrival: counts per 5 minutes for the last 24 hours and per hour for the next 24 (both in
// the `_hourly` tables, whose `hour` is the bucket's start), per day after that (`rollupUsage`), and
// deleted after the retention period. Rows are keyed by names, not ids, because clients and coordinates are not
// entities of their own: a coordinate may be used before (or after) it exists in any published schema.

/** Bytes; node-postgres reads them as a Buffer, PGlite as a Uint8Array. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

const counter = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);
const histogram = (name: string) => bigint(name, { mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`);

/** Every distinct operation (by signature) a variant has served. */
export const usageOperations = registry.table(
  'usage_operations',
  {
    variantId: uuid('variant_id')
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    /** sha256 hex of the normalized document. */
    signature: text('signature').notNull(),
    name: text('name').notNull(),
    /** query, mutation or subscription. */
    type: text('type').notNull(),
    document: text('document').notNull(),
    /** Schema coordinates the document references, as last reported. */
    coordinates: text('coordinates').array().notNull().default([]),
    /** Subgraphs serving it, as last reported. */
    subgraphs: text('subgraphs').array().notNull().default([]),
    firstSeen: timestamp('first_seen', { withTimezone: true }).notNull(),
    lastSeen: timestamp('last_seen', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'usage_operations_pk', columns: [t.variantId, t.signature] }),
    index('usage_operations_variant_id_last_seen_idx').on(t.variantId, t.lastSeen),
  ],
);

/** Requests per 5-minute bucket (per hour past 24 hours) that referenced a coordinate, per client version. */
export const usageCoordinatesHourly = registry.table(
  'usage_coordinates_hourly',
  {
    variantId: uuid('variant_id')
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    hour: timestamp('hour', { withTimezone: true }).notNull(),
    coordinate: text('coordinate').notNull(),
    clientName: text('client_name').notNull(),
    clientVersion: text('client_version').notNull(),
    count: counter('count'),
  },
  (t) => [
    primaryKey({
      name: 'usage_coordinates_hourly_pk',
      columns: [t.variantId, t.hour, t.coordinate, t.clientName, t.clientVersion],
    }),
    index('usage_coordinates_hourly_variant_id_coordinate_idx').on(t.variantId, t.coordinate),
  ],
);

/** Requests, errors and latency per 5-minute bucket (per hour past 24 hours) of an operation, per client version. */
export const usageOperationsHourly = registry.table(
  'usage_operations_hourly',
  {
    variantId: uuid('variant_id')
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    hour: timestamp('hour', { withTimezone: true }).notNull(),
    signature: text('signature').notNull(),
    clientName: text('client_name').notNull(),
    clientVersion: text('client_version').notNull(),
    count: counter('count'),
    errors: counter('errors'),
    /** Requests per latency bucket (`LATENCY_BUCKETS_MS` of the usage contract). */
    latencyHistogram: histogram('latency_histogram'),
  },
  (t) => [
    primaryKey({
      name: 'usage_operations_hourly_pk',
      columns: [t.variantId, t.hour, t.signature, t.clientName, t.clientVersion],
    }),
    index('usage_operations_hourly_variant_id_signature_idx').on(t.variantId, t.signature),
  ],
);

/** `usage_coordinates_hourly` rolled up per UTC day once older than 48 hours. */
export const usageCoordinatesDaily = registry.table(
  'usage_coordinates_daily',
  {
    variantId: uuid('variant_id')
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    coordinate: text('coordinate').notNull(),
    clientName: text('client_name').notNull(),
    clientVersion: text('client_version').notNull(),
    count: counter('count'),
  },
  (t) => [
    primaryKey({
      name: 'usage_coordinates_daily_pk',
      columns: [t.variantId, t.day, t.coordinate, t.clientName, t.clientVersion],
    }),
    index('usage_coordinates_daily_variant_id_coordinate_idx').on(t.variantId, t.coordinate),
  ],
);

/**
 * `usage_coordinates_daily` summed over clients: requests per UTC day that referenced a coordinate. Kept by the rollup
 * beside the per-client rows (same days, same retention), so reports over long windows sum a third or less of the
 * rows; who used a coordinate (distinct clients) is still read from the per-client rows.
 */
export const usageCoordinateTotalsDaily = registry.table(
  'usage_coordinate_totals_daily',
  {
    variantId: uuid('variant_id')
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    coordinate: text('coordinate').notNull(),
    count: counter('count'),
  },
  (t) => [primaryKey({ name: 'usage_coordinate_totals_daily_pk', columns: [t.variantId, t.day, t.coordinate] })],
);

/**
 * Which clients (by name) used a coordinate on the days of `usage_coordinates_daily`: the first and last day with
 * requests. A client used the coordinate in a range of days when its first or last day falls in it; only when the
 * range lies strictly between the two are the per-client rows consulted. Kept by the rollup, so distinct-client
 * counts over long windows read one row per (coordinate, client) instead of one per day and version, and stay exact.
 */
export const usageCoordinateClients = registry.table(
  'usage_coordinate_clients',
  {
    variantId: uuid('variant_id')
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    coordinate: text('coordinate').notNull(),
    clientName: text('client_name').notNull(),
    firstDay: date('first_day', { mode: 'string' }).notNull(),
    lastDay: date('last_day', { mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'usage_coordinate_clients_pk', columns: [t.variantId, t.coordinate, t.clientName] }),
    index('usage_coordinate_clients_variant_id_last_day_idx').on(t.variantId, t.lastDay),
  ],
);

/** `usage_operations_hourly` rolled up per UTC day once older than 48 hours. */
export const usageOperationsDaily = registry.table(
  'usage_operations_daily',
  {
    variantId: uuid('variant_id')
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    signature: text('signature').notNull(),
    clientName: text('client_name').notNull(),
    clientVersion: text('client_version').notNull(),
    count: counter('count'),
    errors: counter('errors'),
    latencyHistogram: histogram('latency_histogram'),
  },
  (t) => [
    primaryKey({
      name: 'usage_operations_daily_pk',
      columns: [t.variantId, t.day, t.signature, t.clientName, t.clientVersion],
    }),
    index('usage_operations_daily_variant_id_signature_idx').on(t.variantId, t.signature),
  ],
);

export type UsageOperationRow = typeof usageOperations.$inferSelect;

/**
 * Ids of the usage reports already counted, so a report resent after its answer was lost is recognised and not
 * counted again. Written in the transaction that adds the report's counts; the rollup deletes ids older than
 * `UsageReportLimits.reportIdRetentionMs` (the registry refuses reports whose window is older than that).
 */
export const usageReports = registry.table(
  'usage_reports',
  {
    /** The report's id, a UUID the gateway made and keeps across retries of that report. */
    id: uuid('id').primaryKey(),
    variantId: uuid('variant_id')
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('usage_reports_received_at_idx').on(t.receivedAt)],
);

/**
 * Usage reports accepted but not yet folded into the aggregates: written in the statement that claims the report's
 * id (so an acknowledged report is never lost and never counted twice), deleted in the transaction that adds its
 * counts (`foldUsageInbox`). Reports are read back in the order received.
 */
export const usageReportInbox = registry.table(
  'usage_report_inbox',
  {
    /** The report's id, as claimed in `usage_reports` (no foreign key: the rollup keeps ids still pending). */
    reportId: uuid('report_id').primaryKey(),
    variantId: uuid('variant_id')
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /**
     * The report as gzip-compressed JSON: the body as received when every entry followed the contract, else the
     * validated report (entries that broke it left out).
     */
    report: bytea('report_gzip').notNull(),
  },
  (t) => [index('usage_report_inbox_received_at_idx').on(t.receivedAt, t.reportId)],
);

/**
 * `usage_operations_daily` summed over clients: requests, errors and latency per UTC day of an operation. Kept by
 * the rollup beside the per-client rows, for reports over every client (operations, subgraph volume).
 */
export const usageOperationTotalsDaily = registry.table(
  'usage_operation_totals_daily',
  {
    variantId: uuid('variant_id')
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    signature: text('signature').notNull(),
    count: counter('count'),
    errors: counter('errors'),
    latencyHistogram: histogram('latency_histogram'),
  },
  (t) => [primaryKey({ name: 'usage_operation_totals_daily_pk', columns: [t.variantId, t.day, t.signature] })],
);
