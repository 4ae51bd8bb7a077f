import { parseManifest } from '@switchyard/registry-client/persisted-documents';
import type { RegistryDatabase } from '../db/openDatabase';
import { ErrorCode, SwitchyardError } from '../errors';
import { requireVariant } from '../graphs/requireVariant';
import { findDocumentsById, replaceManifest } from '../repositories/persistedDocumentRepository';
import { findLatestSupergraphVersion } from '../repositories/supergraphVersionRepository';
import { assertClientLabel } from './assertClientLabel';
import { type DocumentLimits, defaultDocumentLimits } from './documentLimits';
import { buildDocumentSchema, type InvalidDocument, validateDocuments } from './validateDocuments';

/** A manifest to publish for one client version of a variant. */
export interface PublishDocumentsInput {
  graph: string;
  variant: string;
  client: string;
  clientVersion: string;
  /** The manifest file's text: Apollo's persisted query manifest or a plain `{ "<id>": "<document>" }` map. */
  manifest: string;
}

/** What a publish of documents answered; `ok` is false when any document is invalid (then nothing is stored). */
export interface PublishDocumentsResult {
  ok: boolean;
  message: string;
  client: string;
  clientVersion: string;
  /** Documents stored (0 when refused). */
  documents: number;
  /** Whether it replaced the manifest this client version had. */
  replaced: boolean;
  invalid: InvalidDocument[];
}

/**
 * Publishes a client version's persisted documents: refuses a manifest over the limits (`MANIFEST_TOO_LARGE`) or
 * that is not one (`INVALID_MANIFEST`), validates every document against the API schema the variant serves now,
 * and stores them (replacing the version's previous manifest) only when all are valid and no id already names a
 * different document of another client version. Invalid documents are an answer, not an error, so the CLI can
 * name each one.
 */
export async function publishDocuments(
  db: RegistryDatabase,
  input: PublishDocumentsInput,
  limits: DocumentLimits = defaultDocumentLimits,
): Promise<PublishDocumentsResult> {
  assertClientLabel('client', input.client);
  assertClientLabel('clientVersion', input.clientVersion);
  const bytes = Buffer.byteLength(input.manifest, 'utf8');
  if (bytes > limits.maxManifestBytes) {
    throw new SwitchyardError(
      ErrorCode.MANIFEST_TOO_LARGE,
      `The manifest is ${bytes} bytes, over the limit of ${limits.maxManifestBytes} (PERSISTED_DOCUMENTS_MAX_BYTES); split it by client version.`,
      { bytes, limit: limits.maxManifestBytes },
    );
  }
  const parsed = parseManifest(input.manifest);
  if (!parsed.ok) throw new SwitchyardError(ErrorCode.INVALID_MANIFEST, parsed.message);
  if (parsed.documents.length > limits.maxDocuments) {
    throw new SwitchyardError(
      ErrorCode.MANIFEST_TOO_LARGE,
      `The manifest holds ${parsed.documents.length} documents, over the limit of ${limits.maxDocuments} (PERSISTED_DOCUMENTS_MAX_COUNT).`,
      { documents: parsed.documents.length, limit: limits.maxDocuments },
    );
  }
  const variant = await requireVariant(db, input.graph, input.variant);
  const served = await findLatestSupergraphVersion(db, variant.variantId);
  const where = `${input.graph}@${input.variant}`;
  const base = { client: input.client, clientVersion: input.clientVersion, documents: 0, replaced: false };
  if (!served) {
    return {
      ...base,
      ok: false,
      message: `${where} serves no supergraph yet, so its documents cannot be validated; publish a subgraph first.`,
      invalid: [],
    };
  }
  const validation = validateDocuments(buildDocumentSchema(served.apiSdl), parsed.documents);
  if (!validation.ok) {
    return {
      ...base,
      ok: false,
      message: `${validation.invalid.length} of ${parsed.documents.length} documents are not valid against ${where}; nothing was published.`,
      invalid: validation.invalid,
    };
  }
  const bodies = new Map(validation.documents.map((document) => [document.documentId, document]));
  const taken = await findDocumentsById(db, {
    variantId: variant.variantId,
    documentIds: [...bodies.keys()],
    exceptClient: input.client,
    exceptVersion: input.clientVersion,
  });
  const conflicts = taken.filter((other) => bodies.get(other.documentId)?.body !== other.body);
  if (conflicts.length > 0) {
    return {
      ...base,
      ok: false,
      message: `${conflicts.length} document ids already name other documents of ${where}; nothing was published.`,
      invalid: conflicts.map((other) => ({
        id: other.documentId,
        name: bodies.get(other.documentId)?.operationName ?? null,
        messages: [
          `Id "${other.documentId}" already names a different document of ${other.clientName} ${other.clientVersion}; give it another id (or omit ids to use the SHA-256 of each body).`,
        ],
      })),
    };
  }
  const { replaced } = await replaceManifest(db, {
    variantId: variant.variantId,
    clientName: input.client,
    clientVersion: input.clientVersion,
    documents: validation.documents,
  });
  return {
    ...base,
    ok: true,
    documents: validation.documents.length,
    replaced,
    message: `Published ${validation.documents.length} document${validation.documents.length === 1 ? '' : 's'} of ${input.client} ${input.clientVersion} to ${where}${replaced ? ', replacing its previous manifest' : ''}.`,
    invalid: [],
  };
}
