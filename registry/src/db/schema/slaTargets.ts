import { doublePrecision, integer, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { variants } from './graphs';
import { registry } from './registrySchema';

/**
 * Service-level targets of a variant: a latency percentile and an error rate, for every request or only one
 * client's or one operation's. One target per (variant, client, operation); `''` means every client or operation.
 */
export const slaTargets = registry.table(
  'sla_targets',
  {
    variantId: uuid('variant_id')
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    /** A client name, or `''` for every client (summed). */
    clientName: text('client_name').notNull().default(''),
    /** An operation name, or `''` for every operation (summed). */
    operationName: text('operation_name').notNull().default(''),
    /** 95 or 99: which latency percentile `latencyMs` bounds. */
    latencyPercentile: integer('latency_percentile').notNull().default(95),
    /** Most milliseconds the percentile may take in an hour; null for no latency target. */
    latencyMs: doublePrecision('latency_ms'),
    /** Largest fraction (0–1) of an hour's requests that may fail; null for no error-rate target. */
    errorRate: doublePrecision('error_rate'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [primaryKey({ name: 'sla_targets_pk', columns: [t.variantId, t.clientName, t.operationName] })],
);

export type SlaTargetRow = typeof slaTargets.$inferSelect;
