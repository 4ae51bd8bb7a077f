import { createHash } from 'node:crypto';

/** The Apollo persisted query manifest's `format` value. */
export const APOLLO_MANIFEST_FORMAT = 'apollo-persisted-query-manifest';

/** One document of a manifest, with its id decided. */
export interface ManifestDocument {
  /** The id clients send (`documentId` or `extensions.persistedQuery.sha256Hash`): given, or the body's SHA-256. */
  id: string;
  /** The operation's name as the manifest gives it; null when it gives none. */
  name: string | null;
  /** `query`, `mutation` or `subscription` as the manifest gives it; null when it gives none. */
  type: string | null;
  body: string;
}

/** What `parseManifest` read: documents, or why the text is not a manifest. */
export type ParsedManifest = { ok: true; documents: ManifestDocument[] } | { ok: false; message: string };

/** The SHA-256 hex digest of a document body: its id when the manifest gives none, and what APQ clients hash. */
export function hashDocument(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Reads a persisted document manifest: Apollo's
 * `{"format":"apollo-persisted-query-manifest","version":1,"operations":[{"id","name","type","body"}]}`, or a plain
 * `{"<id>": "<document>"}` map (Relay's and GraphQL Codegen's output). An operation without an id gets the SHA-256
 * of its body. Ids must be non-empty strings and unique within the manifest. Nothing here parses GraphQL: the
 * registry validates each body against its schema.
 */
export function parseManifest(text: string): ParsedManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `The manifest is not JSON: ${error instanceof Error ? error.message : 'unparsable'}` };
  }
  if (!isRecord(json)) return { ok: false, message: 'The manifest must be a JSON object.' };
  const documents: ManifestDocument[] = [];
  if ('format' in json || 'operations' in json) {
    if (json.format !== APOLLO_MANIFEST_FORMAT) {
      return { ok: false, message: `The manifest's "format" must be "${APOLLO_MANIFEST_FORMAT}".` };
    }
    if (json.version !== 1) return { ok: false, message: 'Only version 1 of the Apollo manifest format is supported.' };
    if (!Array.isArray(json.operations))
      return { ok: false, message: 'The manifest\'s "operations" must be an array.' };
    for (const [index, operation] of json.operations.entries()) {
      if (!isRecord(operation) || typeof operation.body !== 'string' || operation.body.trim() === '') {
        return { ok: false, message: `Operation ${index} of the manifest has no "body" string.` };
      }
      const id = operation.id === undefined ? hashDocument(operation.body) : operation.id;
      const name = optionalString(operation.name);
      const type = optionalString(operation.type);
      if (typeof id !== 'string' || id === '' || name === undefined || type === undefined) {
        return { ok: false, message: `Operation ${index} of the manifest: "id", "name" and "type" must be strings.` };
      }
      documents.push({ id, name, type, body: operation.body });
    }
  } else {
    for (const [id, body] of Object.entries(json)) {
      if (id === '' || typeof body !== 'string' || body.trim() === '') {
        return {
          ok: false,
          message: `Entry "${id.slice(0, 80)}" of the manifest must map an id to a document string.`,
        };
      }
      documents.push({ id, name: null, type: null, body });
    }
  }
  const seen = new Set<string>();
  for (const document of documents) {
    if (seen.has(document.id)) {
      return { ok: false, message: `Id "${document.id.slice(0, 80)}" appears twice in the manifest.` };
    }
    seen.add(document.id);
  }
  return { ok: true, documents };
}
