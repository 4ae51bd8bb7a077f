import { createHash } from 'node:crypto';
import type { PersistedDocumentsBody } from '@switchyard/registry-client/persisted-documents';
import type { Executor } from '../db/openDatabase';
import { requireVariant } from '../graphs/requireVariant';
import { listManifests, listVariantDocuments } from '../repositories/persistedDocumentRepository';
import { assertCanRead } from '../tokens/access';
import type { Principal } from '../tokens/Principal';
import { etagMatches } from './findSupergraphAnswer';

/** What `GET /v1/graphs/:graph/variants/:variant/persisted-documents` answers. */
export interface PersistedDocumentsAnswer {
  status: 200 | 304;
  headers: Record<string, string>;
  body?: PersistedDocumentsBody;
}

/**
 * A variant's persisted documents, every client version's, each id once, with an ETag derived from which
 * manifests exist and when each was published: 304 when `If-None-Match` names it, without reading a document. A
 * variant without manifests answers an empty list; an unknown graph or variant `GRAPH_NOT_FOUND` or
 * `VARIANT_NOT_FOUND`.
 */
export async function findPersistedDocumentsAnswer(
  db: Executor,
  principal: Principal,
  params: { graph: string; variant: string },
  ifNoneMatch: string | undefined,
): Promise<PersistedDocumentsAnswer> {
  assertCanRead(principal, params.graph);
  const variant = await requireVariant(db, params.graph, params.variant);
  const manifests = await listManifests(db, variant.variantId);
  const revision = createHash('sha256');
  for (const manifest of manifests) revision.update(`${manifest.id}:${manifest.publishedAt.toISOString()}\n`);
  const etag = `"${revision.digest('hex')}"`;
  const headers = { etag, 'cache-control': 'no-cache' };
  if (etagMatches(ifNoneMatch, etag)) return { status: 304, headers };
  const documents = manifests.length === 0 ? [] : await listVariantDocuments(db, variant.variantId);
  return { status: 200, headers: { ...headers, 'content-type': 'application/json' }, body: { documents } };
}
