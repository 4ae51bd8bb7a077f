import type { ManifestDocument } from '@switchyard/registry-client/persisted-documents';
import { buildASTSchema, GraphQLError, type GraphQLSchema, Kind, parse, validate } from 'graphql';
import type { StoredDocument } from '../repositories/persistedDocumentRepository';
import { collectDocumentCoordinates } from './collectDocumentCoordinates';

/** A document the served schema refuses, with why. */
export interface InvalidDocument {
  id: string;
  name: string | null;
  messages: string[];
}

/** What `validateDocuments` decided: every document valid and ready to store, or the invalid ones. */
export type DocumentValidation = { ok: true; documents: StoredDocument[] } | { ok: false; invalid: InvalidDocument[] };

/** Most validation errors kept per document: the first few say what to fix. */
const MESSAGES_PER_DOCUMENT = 5;

/** Builds the API schema documents are validated against, from the API SDL the variant serves. */
export function buildDocumentSchema(apiSdl: string): GraphQLSchema {
  return buildASTSchema(parse(apiSdl), { assumeValidSDL: true });
}

/**
 * Validates each manifest document against the served API schema, as the gateway would before executing it: it
 * must parse, hold at least one operation and only executable definitions, and pass GraphQL validation. A valid
 * document is stored with its operation name and type (the manifest's, else the document's) and its coordinates.
 */
export function validateDocuments(schema: GraphQLSchema, documents: readonly ManifestDocument[]): DocumentValidation {
  const valid: StoredDocument[] = [];
  const invalid: InvalidDocument[] = [];
  for (const document of documents) {
    let parsed: ReturnType<typeof parse>;
    try {
      parsed = parse(document.body);
    } catch (error) {
      const message = error instanceof GraphQLError ? error.message : 'The document does not parse.';
      invalid.push({ id: document.id, name: document.name, messages: [message] });
      continue;
    }
    const operations = parsed.definitions.flatMap((definition) =>
      definition.kind === Kind.OPERATION_DEFINITION ? [definition] : [],
    );
    const messages =
      operations.length === 0
        ? ['The document holds no operation.']
        : validate(schema, parsed, undefined, { maxErrors: MESSAGES_PER_DOCUMENT }).map((error) => error.message);
    if (messages.length > 0) {
      invalid.push({ id: document.id, name: document.name, messages: messages.slice(0, MESSAGES_PER_DOCUMENT) });
      continue;
    }
    const [first] = operations;
    valid.push({
      documentId: document.id,
      operationName: document.name ?? first?.name?.value ?? null,
      operationType: document.type ?? first?.operation ?? null,
      body: document.body,
      coordinates: collectDocumentCoordinates(schema, parsed),
    });
  }
  return invalid.length > 0 ? { ok: false, invalid } : { ok: true, documents: valid };
}
