import { sql } from 'drizzle-orm';
import { bigint, index, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { variants } from './graphs';
import { registry } from './registrySchema';

/**
 * The fetches gateways' query plans sent to each subgraph, per UTC hour, operation and client version: how many, how
 * many failed and their latency histogram (`LATENCY_BUCKETS_MS`). Beside field usage, from the same reports; kept
 * per hour for the whole usage retention (a variant has few subgraphs, so rows stay as many as operation rows per
 * subgraph it touches), and deleted with the daily rows.
 */
export const usageSubgraphFetches = registry.table(
  'usage_subgraph_fetches',
  {
    variantId: uuid('variant_id')
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    /** Start of the UTC hour. */
    hour: timestamp('hour', { withTimezone: true }).notNull(),
    subgraph: text('subgraph').notNull(),
    signature: text('signature').notNull(),
    clientName: text('client_name').notNull(),
    clientVersion: text('client_version').notNull(),
    fetches: bigint('fetches', { mode: 'number' }).notNull().default(0),
    errors: bigint('errors', { mode: 'number' }).notNull().default(0),
    latencyHistogram: bigint('latency_histogram', { mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
  },
  (t) => [
    primaryKey({
      name: 'usage_subgraph_fetches_pk',
      columns: [t.variantId, t.hour, t.subgraph, t.signature, t.clientName, t.clientVersion],
    }),
    index('usage_subgraph_fetches_variant_id_hour_idx').on(t.variantId, t.hour),
  ],
);
