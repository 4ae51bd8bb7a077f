import { index, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { variants } from './graphs';
import { registry } from './registrySchema';

/** A subgraph of a variant, with its current routing URL and owning team. */
export const subgraphs = registry.table(
  'subgraphs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    variantId: uuid('variant_id')
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    routingUrl: text('routing_url').notNull(),
    owner: text('owner'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('subgraphs_variant_id_name_idx').on(t.variantId, t.name)],
);

/**
 * One published SDL of a subgraph. Rows are never updated: supergraph versions link to the exact rows they were
 * composed from, which is what makes rollback exact. The routing URL is copied here for the same reason.
 */
export const subgraphVersions = registry.table(
  'subgraph_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subgraphId: uuid('subgraph_id')
      .notNull()
      .references(() => subgraphs.id, { onDelete: 'cascade' }),
    routingUrl: text('routing_url').notNull(),
    sdl: text('sdl').notNull(),
    /** sha256 hex of the SDL. */
    hash: text('hash').notNull(),
    author: text('author'),
    commit: text('commit'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('subgraph_versions_subgraph_id_idx').on(t.subgraphId)],
);

export type SubgraphRow = typeof subgraphs.$inferSelect;
export type SubgraphVersionRow = typeof subgraphVersions.$inferSelect;
