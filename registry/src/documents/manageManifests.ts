import type { Executor } from '../db/openDatabase';
import type { DocumentManifestRow } from '../db/schema';
import { ErrorCode, SwitchyardError } from '../errors';
import { requireVariant } from '../graphs/requireVariant';
import { deleteManifests, listManifests } from '../repositories/persistedDocumentRepository';
import { assertClientLabel } from './assertClientLabel';

/** A variant's manifests, of one client (and version) when given; `GRAPH_NOT_FOUND`/`VARIANT_NOT_FOUND` otherwise. */
export async function listDocumentManifests(
  db: Executor,
  input: { graph: string; variant: string; client?: string | null; clientVersion?: string | null },
): Promise<DocumentManifestRow[]> {
  const variant = await requireVariant(db, input.graph, input.variant);
  return listManifests(db, variant.variantId, { clientName: input.client, clientVersion: input.clientVersion });
}

/**
 * Retires a client version (or, without a version, every version of the client): its documents stop being served
 * to gateways and stop protecting what they use in checks. `NOT_FOUND` when there was nothing to delete, so a
 * mistyped version does not pass silently.
 */
export async function deleteDocumentManifests(
  db: Executor,
  input: { graph: string; variant: string; client: string; clientVersion?: string | null },
): Promise<DocumentManifestRow[]> {
  assertClientLabel('client', input.client);
  if (input.clientVersion != null) assertClientLabel('clientVersion', input.clientVersion);
  const variant = await requireVariant(db, input.graph, input.variant);
  const deleted = await deleteManifests(db, variant.variantId, input.client, input.clientVersion);
  if (deleted.length === 0) {
    const which = input.clientVersion ? `${input.client} ${input.clientVersion}` : input.client;
    throw new SwitchyardError(
      ErrorCode.NOT_FOUND,
      `${input.graph}@${input.variant} has no persisted documents of ${which}.`,
    );
  }
  return deleted;
}
