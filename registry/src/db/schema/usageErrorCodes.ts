import { bigint, index, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { variants } from './graphs';
import { registry } from './registrySchema';

/**
 * Failed requests per UTC hour of an operation, per client version and error code (a request whose errors carry
 * several codes counts under each). Only failures make rows, so they stay few: they are kept per hour for the whole
 * usage retention instead of being rolled into days, and the rollup deletes them with the daily rows.
 */
export const usageOperationErrorCodes = registry.table(
  'usage_operation_error_codes',
  {
    variantId: uuid('variant_id')
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    /** Start of the UTC hour. */
    hour: timestamp('hour', { withTimezone: true }).notNull(),
    signature: text('signature').notNull(),
    clientName: text('client_name').notNull(),
    clientVersion: text('client_version').notNull(),
    code: text('code').notNull(),
    count: bigint('count', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({
      name: 'usage_operation_error_codes_pk',
      columns: [t.variantId, t.hour, t.signature, t.clientName, t.clientVersion, t.code],
    }),
    index('usage_operation_error_codes_variant_id_signature_idx').on(t.variantId, t.signature),
  ],
);

/**
 * Requests per UTC hour of an operation, per client version, whose document no persisted document manifest held,
 * as gateways with `PERSISTED_DOCUMENTS=log` count them. Kept and deleted like the error codes.
 */
export const usageUnknownDocuments = registry.table(
  'usage_unknown_documents',
  {
    variantId: uuid('variant_id')
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    /** Start of the UTC hour. */
    hour: timestamp('hour', { withTimezone: true }).notNull(),
    signature: text('signature').notNull(),
    clientName: text('client_name').notNull(),
    clientVersion: text('client_version').notNull(),
    count: bigint('count', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({
      name: 'usage_unknown_documents_pk',
      columns: [t.variantId, t.hour, t.signature, t.clientName, t.clientVersion],
    }),
  ],
);
