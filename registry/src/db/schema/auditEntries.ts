import { index, jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { graphs } from './graphs';
import { registry } from './registrySchema';

/**
 * One change made (or refused) through the API: who (the token's id and name, kept as values since tokens are
 * deleted with their graph), when, on which graph and variant, what, and how it ended. Rows are only ever
 * inserted; they go with their graph (`graph_id` cascades). A graph deletion's own entry has no `graph_id` (the
 * graph is gone) and so outlives it, findable by `graph` name.
 */
export const auditEntries = registry.table(
  'audit_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    graphId: uuid('graph_id').references(() => graphs.id, { onDelete: 'cascade' }),
    /** The graph name the action named; null for registry-wide actions (ADMIN tokens). */
    graph: text('graph'),
    variant: text('variant'),
    subgraph: text('subgraph'),
    /** `AuditAction`, e.g. PUBLISH; text, since the set grows. */
    action: text('action').notNull(),
    /** `AuditOutcome`: SUCCESS, FAILED (e.g. composition failed) or REFUSED (with the error code). */
    outcome: text('outcome').notNull(),
    /** The error code of a refused or failed action. */
    code: text('code'),
    message: text('message').notNull(),
    tokenId: uuid('token_id'),
    tokenName: text('token_name').notNull(),
    /** Action-specific facts: the version made, the status, the commit, the token created. */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_entries_graph_created_at_idx').on(t.graph, t.createdAt),
    index('audit_entries_graph_id_idx').on(t.graphId),
  ],
);

export type AuditEntryRow = typeof auditEntries.$inferSelect;
