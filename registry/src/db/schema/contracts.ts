import { index, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { variants } from './graphs';
import { registry } from './registrySchema';

/**
 * A contract: a variant whose supergraph is its source variant's, filtered by tags. Every new version of the source
 * makes a new version of the contract; nobody publishes to a contract variant itself.
 */
export const contracts = registry.table(
  'contracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The contract variant (served to gateways like any other). */
    variantId: uuid('variant_id')
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    /** The variant whose subgraphs are published. */
    sourceVariantId: uuid('source_variant_id')
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    includeTags: text('include_tags').array().notNull().default([]),
    excludeTags: text('exclude_tags').array().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('contracts_variant_id_idx').on(t.variantId),
    index('contracts_source_variant_id_idx').on(t.sourceVariantId),
  ],
);

export type ContractRow = typeof contracts.$inferSelect;
