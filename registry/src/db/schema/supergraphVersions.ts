import { index, integer, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { variants } from './graphs';
import { registry } from './registrySchema';
import { subgraphVersions } from './subgraphs';

/** A composed supergraph of a variant. `version` counts up from 1 per variant, with no gaps. */
export const supergraphVersions = registry.table(
  'supergraph_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    variantId: uuid('variant_id')
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    supergraphSdl: text('supergraph_sdl').notNull(),
    apiSdl: text('api_sdl').notNull(),
    /** sha256 hex of the supergraph SDL; the supergraph endpoint's ETag. */
    hash: text('hash').notNull(),
    /** Markdown changelog for API consumers. */
    changelog: text('changelog').notNull(),
    /** The version whose content this one restores, when it was made by a rollback. */
    rolledBackFrom: integer('rolled_back_from'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('supergraph_versions_variant_id_version_idx').on(t.variantId, t.version)],
);

/** The exact subgraph versions a supergraph version was composed from. */
export const supergraphVersionSubgraphs = registry.table(
  'supergraph_version_subgraphs',
  {
    supergraphVersionId: uuid('supergraph_version_id')
      .notNull()
      .references(() => supergraphVersions.id, { onDelete: 'cascade' }),
    subgraphVersionId: uuid('subgraph_version_id')
      .notNull()
      .references(() => subgraphVersions.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ name: 'supergraph_version_subgraphs_pk', columns: [t.supergraphVersionId, t.subgraphVersionId] }),
    index('supergraph_version_subgraphs_subgraph_version_id_idx').on(t.subgraphVersionId),
  ],
);

/** The changes of a supergraph version's API schema against the version before it. */
export const schemaChanges = registry.table(
  'schema_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    supergraphVersionId: uuid('supergraph_version_id')
      .notNull()
      .references(() => supergraphVersions.id, { onDelete: 'cascade' }),
    /** Order of the change in the diff. */
    position: integer('position').notNull(),
    /** Stable hash of type + coordinate. */
    changeId: text('change_id').notNull(),
    /** graphql-inspector's change type, e.g. FIELD_REMOVED; text, since the set grows. */
    type: text('type').notNull(),
    /** BREAKING, DANGEROUS or SAFE. */
    criticality: text('criticality').notNull(),
    coordinate: text('coordinate').notNull(),
    message: text('message').notNull(),
  },
  (t) => [
    index('schema_changes_supergraph_version_id_idx').on(t.supergraphVersionId),
    index('schema_changes_coordinate_idx').on(t.coordinate),
  ],
);

export type SupergraphVersionRow = typeof supergraphVersions.$inferSelect;
export type SchemaChangeRow = typeof schemaChanges.$inferSelect;
