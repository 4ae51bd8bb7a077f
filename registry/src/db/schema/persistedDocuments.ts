import { index, integer, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { variants } from './graphs';
import { registry } from './registrySchema';

/**
 * The persisted documents one client version ships, for one variant: published as a manifest, replaced whole by
 * the next publish of the same client version, deleted to retire that version.
 */
export const documentManifests = registry.table(
  'document_manifests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    variantId: uuid('variant_id')
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    clientName: text('client_name').notNull(),
    clientVersion: text('client_version').notNull(),
    documentCount: integer('document_count').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('document_manifests_variant_client_version_idx').on(t.variantId, t.clientName, t.clientVersion)],
);

/** One document of a manifest, with the schema coordinates it selects (what checks look for). */
export const persistedDocuments = registry.table(
  'persisted_documents',
  {
    manifestId: uuid('manifest_id')
      .notNull()
      .references(() => documentManifests.id, { onDelete: 'cascade' }),
    variantId: uuid('variant_id')
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    documentId: text('document_id').notNull(),
    operationName: text('operation_name'),
    operationType: text('operation_type'),
    body: text('body').notNull(),
    /** `Type.field`, `Type.field(arg:)`, `Input.field` and `Enum.VALUE`, named as the usage collector names them. */
    coordinates: text('coordinates').array().notNull(),
  },
  (t) => [
    primaryKey({ name: 'persisted_documents_pk', columns: [t.manifestId, t.documentId] }),
    index('persisted_documents_variant_document_idx').on(t.variantId, t.documentId),
    index('persisted_documents_coordinates_idx').using('gin', t.coordinates),
  ],
);

export type DocumentManifestRow = typeof documentManifests.$inferSelect;
export type PersistedDocumentRow = typeof persistedDocuments.$inferSelect;
