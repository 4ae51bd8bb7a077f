import { sql } from 'drizzle-orm';
import { index, integer, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { checks } from './checks';
import { graphs, variants } from './graphs';
import { registry } from './registrySchema';
import { supergraphVersions } from './supergraphVersions';

/**
 * A webhook: where a graph's (or one variant's) events are POSTed. The secret signs each delivery; no API answer
 * ever carries it.
 */
export const webhooks = registry.table(
  'webhooks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    graphId: uuid('graph_id')
      .notNull()
      .references(() => graphs.id, { onDelete: 'cascade' }),
    /** The one variant it is for; every variant of the graph when null. */
    variantId: uuid('variant_id').references(() => variants.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    /** The HMAC key of `x-switchyard-signature`; write-only through the API. */
    secret: text('secret').notNull(),
    /** PUBLISH, CHECK, DEPRECATION; text, since the set grows. */
    events: text('events').array().notNull(),
    /** JSON (the registry's payload) or SLACK (Slack's `{ text }`, with the same fields beside it). */
    format: text('format').notNull().default('JSON'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhooks_graph_id_idx').on(t.graphId)],
);

/**
 * The outbox: one row per event and webhook, written in the transaction that made the event (a publish, a check)
 * and sent afterwards by the deliverer, so a receiver never delays or fails what it is told about.
 */
export const webhookDeliveries = registry.table(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    /** PUBLISH, CHECK, DEPRECATION or TEST. */
    event: text('event').notNull(),
    /** The version a PUBLISH or DEPRECATION delivery tells about. */
    supergraphVersionId: uuid('supergraph_version_id').references(() => supergraphVersions.id, {
      onDelete: 'cascade',
    }),
    /** The check a CHECK delivery tells about. */
    checkId: uuid('check_id').references(() => checks.id, { onDelete: 'cascade' }),
    /** The exact body sent; built at the first attempt, so every retry sends the same bytes. */
    body: text('body'),
    /** The variant the event happened in; null only for a TEST of a webhook covering every variant. */
    variantId: uuid('variant_id').references(() => variants.id, { onDelete: 'cascade' }),
    /** PENDING, DELIVERED or FAILED (gave up after the retry horizon). */
    status: text('status').notNull().default('PENDING'),
    attempts: integer('attempts').notNull().default(0),
    /** When a PENDING delivery is next due; a deliverer that claims it moves this past its lease. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'PENDING'`),
    index('webhook_deliveries_webhook_id_created_at_idx').on(t.webhookId, t.createdAt),
    index('webhook_deliveries_created_at_idx').on(t.createdAt),
  ],
);

/** One try at sending a delivery: what the receiver answered, or why it could not be reached. */
export const webhookDeliveryAttempts = registry.table(
  'webhook_delivery_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    durationMs: integer('duration_ms').notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
  },
  (t) => [index('webhook_delivery_attempts_delivery_id_idx').on(t.deliveryId, t.attempt)],
);

export type WebhookRow = typeof webhooks.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type WebhookDeliveryAttemptRow = typeof webhookDeliveryAttempts.$inferSelect;
