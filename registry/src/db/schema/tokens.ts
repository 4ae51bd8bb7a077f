import { index, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { registry } from './registrySchema';

/**
 * An API token. Only the sha256 of the secret is stored. `graph` is a name, not a reference: a token may be made
 * for a graph before its first publish creates it.
 */
export const tokens = registry.table(
  'tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** sha256 hex of the secret. */
    tokenHash: text('token_hash').notNull(),
    /** ADMIN, PUBLISH, READ or REPORT. */
    scope: text('scope').notNull(),
    graph: text('graph'),
    /** Subgraphs a PUBLISH token may publish; empty means all subgraphs of its graph. */
    subgraphs: text('subgraphs').array().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('tokens_token_hash_idx').on(t.tokenHash), index('tokens_graph_idx').on(t.graph)],
);

export type TokenRow = typeof tokens.$inferSelect;
