import { index, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { registry } from './registrySchema';

/** A federated graph, created implicitly by its first publish. */
export const graphs = registry.table(
  'graphs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('graphs_name_idx').on(t.name)],
);

/** A variant of a graph (`production`, `staging`); each has its own subgraphs and supergraph versions. */
export const variants = registry.table(
  'variants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    graphId: uuid('graph_id')
      .notNull()
      .references(() => graphs.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('variants_graph_id_name_idx').on(t.graphId, t.name),
    index('variants_graph_id_idx').on(t.graphId),
  ],
);

export type GraphRow = typeof graphs.$inferSelect;
export type VariantRow = typeof variants.$inferSelect;
