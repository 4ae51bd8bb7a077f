import { and, arrayOverlaps, asc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Executor, RegistryDatabase } from '../db/openDatabase';
import { type DocumentManifestRow, documentManifests, persistedDocuments } from '../db/schema';

/** One document as a manifest stores it. */
export interface StoredDocument {
  documentId: string;
  operationName: string | null;
  operationType: string | null;
  body: string;
  coordinates: string[];
}

/** Rows per insert: well under PostgreSQL's 65,535 bind parameters at 7 columns. */
const INSERT_BATCH = 1000;

/**
 * Stores a client version's manifest for a variant, replacing the one it had (documents and all) in one
 * transaction, so a gateway polling meanwhile sees the old set or the new one, never half of either.
 */
export async function replaceManifest(
  db: RegistryDatabase,
  input: { variantId: string; clientName: string; clientVersion: string; documents: readonly StoredDocument[] },
): Promise<{ manifest: DocumentManifestRow; replaced: boolean }> {
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(documentManifests)
      .where(
        and(
          eq(documentManifests.variantId, input.variantId),
          eq(documentManifests.clientName, input.clientName),
          eq(documentManifests.clientVersion, input.clientVersion),
        ),
      )
      .returning({ id: documentManifests.id });
    const [manifest] = await tx
      .insert(documentManifests)
      .values({
        variantId: input.variantId,
        clientName: input.clientName,
        clientVersion: input.clientVersion,
        documentCount: input.documents.length,
      })
      .returning();
    if (!manifest) throw new Error('Inserting a document manifest returned no row.');
    for (let start = 0; start < input.documents.length; start += INSERT_BATCH) {
      await tx.insert(persistedDocuments).values(
        input.documents.slice(start, start + INSERT_BATCH).map((document) => ({
          ...document,
          manifestId: manifest.id,
          variantId: input.variantId,
        })),
      );
    }
    return { manifest, replaced: removed.length > 0 };
  });
}

/** A variant's manifests, by client name then version: of one client, or one client version, when given. */
export async function listManifests(
  db: Executor,
  variantId: string,
  filter: { clientName?: string | null; clientVersion?: string | null } = {},
): Promise<DocumentManifestRow[]> {
  return db
    .select()
    .from(documentManifests)
    .where(
      and(
        eq(documentManifests.variantId, variantId),
        filter.clientName ? eq(documentManifests.clientName, filter.clientName) : undefined,
        filter.clientVersion ? eq(documentManifests.clientVersion, filter.clientVersion) : undefined,
      ),
    )
    .orderBy(asc(documentManifests.clientName), asc(documentManifests.clientVersion));
}

/** Deletes a client's manifests for a variant (every version, or the one given); answers the manifests deleted. */
export async function deleteManifests(
  db: Executor,
  variantId: string,
  clientName: string,
  clientVersion?: string | null,
): Promise<DocumentManifestRow[]> {
  return db
    .delete(documentManifests)
    .where(
      and(
        eq(documentManifests.variantId, variantId),
        eq(documentManifests.clientName, clientName),
        clientVersion ? eq(documentManifests.clientVersion, clientVersion) : undefined,
      ),
    )
    .returning();
}

/** The documents of one manifest, by id. */
export async function listManifestDocuments(db: Executor, manifestId: string): Promise<StoredDocument[]> {
  return db
    .select({
      documentId: persistedDocuments.documentId,
      operationName: persistedDocuments.operationName,
      operationType: persistedDocuments.operationType,
      body: persistedDocuments.body,
      coordinates: persistedDocuments.coordinates,
    })
    .from(persistedDocuments)
    .where(eq(persistedDocuments.manifestId, manifestId))
    .orderBy(asc(persistedDocuments.documentId));
}

/**
 * Documents of the variant's other client versions that have one of `documentIds` (for refusing an id that would
 * mean two different documents to a gateway).
 */
export async function findDocumentsById(
  db: Executor,
  input: { variantId: string; documentIds: readonly string[]; exceptClient: string; exceptVersion: string },
): Promise<{ documentId: string; body: string; clientName: string; clientVersion: string }[]> {
  if (input.documentIds.length === 0) return [];
  const found: { documentId: string; body: string; clientName: string; clientVersion: string }[] = [];
  for (let start = 0; start < input.documentIds.length; start += INSERT_BATCH) {
    const rows = await db
      .select({
        documentId: persistedDocuments.documentId,
        body: persistedDocuments.body,
        clientName: documentManifests.clientName,
        clientVersion: documentManifests.clientVersion,
      })
      .from(persistedDocuments)
      .innerJoin(documentManifests, eq(documentManifests.id, persistedDocuments.manifestId))
      .where(
        and(
          eq(persistedDocuments.variantId, input.variantId),
          inArray(persistedDocuments.documentId, input.documentIds.slice(start, start + INSERT_BATCH)),
        ),
      );
    // Not the manifest being replaced: the same client version may change its documents.
    found.push(
      ...rows.filter((row) => row.clientName !== input.exceptClient || row.clientVersion !== input.exceptVersion),
    );
  }
  return found;
}

/** Every document of the variant's manifests, each id once (what gateways load), by id. */
export async function listVariantDocuments(db: Executor, variantId: string): Promise<{ id: string; body: string }[]> {
  return db
    .selectDistinctOn([persistedDocuments.documentId], {
      id: persistedDocuments.documentId,
      body: persistedDocuments.body,
    })
    .from(persistedDocuments)
    .where(eq(persistedDocuments.variantId, variantId))
    .orderBy(asc(persistedDocuments.documentId));
}

/** Documents of the variant that select any of `coordinates`, with their client version (what a check reports). */
export async function findDocumentsUsing(
  db: Executor,
  variantId: string,
  coordinates: readonly string[],
): Promise<
  {
    clientName: string;
    clientVersion: string;
    documentId: string;
    operationName: string | null;
    coordinates: string[];
  }[]
> {
  if (coordinates.length === 0) return [];
  return db
    .select({
      clientName: documentManifests.clientName,
      clientVersion: documentManifests.clientVersion,
      documentId: persistedDocuments.documentId,
      operationName: persistedDocuments.operationName,
      coordinates: persistedDocuments.coordinates,
    })
    .from(persistedDocuments)
    .innerJoin(documentManifests, eq(documentManifests.id, persistedDocuments.manifestId))
    .where(
      and(eq(persistedDocuments.variantId, variantId), arrayOverlaps(persistedDocuments.coordinates, [...coordinates])),
    )
    .orderBy(
      asc(documentManifests.clientName),
      asc(documentManifests.clientVersion),
      asc(persistedDocuments.documentId),
    );
}

/**
 * The variant's persisted documents with the client versions shipping each (`web 1.0`), leaving out some client
 * names; at most `limit` documents, by id (what a cost-regression check prices).
 */
export async function listDocumentsWithClients(
  db: Executor,
  variantId: string,
  input: { excludeClients: readonly string[]; limit: number },
): Promise<{ documentId: string; operationName: string | null; body: string; clients: string[] }[]> {
  const client = sql<string>`${documentManifests.clientName} || ' ' || ${documentManifests.clientVersion}`;
  return db
    .select({
      documentId: persistedDocuments.documentId,
      operationName: sql<string | null>`min(${persistedDocuments.operationName})`,
      body: sql<string>`min(${persistedDocuments.body})`,
      clients: sql<string[]>`array_agg(distinct ${client} order by ${client})`,
    })
    .from(persistedDocuments)
    .innerJoin(documentManifests, eq(documentManifests.id, persistedDocuments.manifestId))
    .where(
      and(
        eq(persistedDocuments.variantId, variantId),
        input.excludeClients.length > 0
          ? notInArray(documentManifests.clientName, [...input.excludeClients])
          : undefined,
      ),
    )
    .groupBy(persistedDocuments.documentId)
    .orderBy(asc(persistedDocuments.documentId))
    .limit(input.limit);
}
