import type { GraphQLRequest } from '@apollo/server';
import { ErrorCode, SwitchyardError } from '../../errors';
import type { GatewayMetrics } from '../../metrics';
import type { PersistedDocumentStore } from './persistedDocumentStore';

/** `PERSISTED_DOCUMENTS`: whether the gateway serves, marks or requires persisted documents. */
export const PersistedDocumentsMode = { OFF: 'off', LOG: 'log', REQUIRE: 'require' } as const;
export type PersistedDocumentsMode = (typeof PersistedDocumentsMode)[keyof typeof PersistedDocumentsMode];

/** How a request's document relates to the persisted ones, counted in `switchyard_persisted_documents_total`. */
export const DocumentOutcome = {
  /** Sent by id, or as the exact text of a persisted document. */
  KNOWN: 'known',
  /** Not a persisted document, served (`log`, or an APQ lookup left to Apollo). */
  UNKNOWN: 'unknown',
  /** Refused: `PERSISTED_QUERY_REQUIRED` or `PERSISTED_QUERY_NOT_FOUND`. */
  REFUSED: 'refused',
} as const;
export type DocumentOutcome = (typeof DocumentOutcome)[keyof typeof DocumentOutcome];

/** What the step decided for one request. */
export interface DocumentDecision {
  outcome?: DocumentOutcome;
  refusal?: SwitchyardError;
}

/**
 * What a refused request carries on through Apollo instead of its own text, so the refused document is never parsed
 * or validated; the pipeline's first step after resolution answers the refusal.
 */
export const REFUSED_STAND_IN = '{ __typename }';

function standIn(request: GraphQLRequest): void {
  request.query = REFUSED_STAND_IN;
  if (request.extensions?.persistedQuery !== undefined) {
    const { persistedQuery: _, ...rest } = request.extensions;
    request.extensions = rest;
  }
}

function apqHashOf(request: GraphQLRequest): string | undefined {
  const persisted = request.extensions?.persistedQuery;
  if (typeof persisted !== 'object' || persisted === null || !('sha256Hash' in persisted)) return undefined;
  return typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
}

/**
 * The pipeline's first step, before the document is parsed: a request naming a persisted document (`documentId`,
 * or `extensions.persistedQuery.sha256Hash` without a query) gets that document's text; in `require` mode a
 * document that is not persisted is refused (`PERSISTED_QUERY_REQUIRED`) and an id that names none too
 * (`PERSISTED_QUERY_NOT_FOUND`); in `log` mode it is served and counted as unknown. Off, `documentId` is refused
 * and everything else passes untouched. An APQ hash that names no persisted document is left to Apollo's automatic
 * persisted queries unless documents are required.
 */
export function createPersistedDocumentsStep(options: {
  mode: PersistedDocumentsMode;
  store: PersistedDocumentStore;
  metrics: GatewayMetrics;
}) {
  const { mode, store, metrics } = options;
  const count = (outcome: DocumentOutcome) => metrics.persistedDocuments.inc({ outcome });
  const notFound = (id: string) =>
    new SwitchyardError(
      ErrorCode.PERSISTED_QUERY_NOT_FOUND,
      `No persisted document has the id "${id.slice(0, 128)}".`,
      {
        documentId: id.slice(0, 128),
      },
    );

  return {
    mode,
    /**
     * Fills `request.query` from a persisted document's id, or decides the refusal (and puts `REFUSED_STAND_IN` in
     * place of what was sent); mutates `request`.
     */
    resolve(request: GraphQLRequest, documentId: string | undefined): DocumentDecision {
      const decision = decide(request, documentId);
      if (decision.refusal) standIn(request);
      return decision;
    },
  };

  function decide(request: GraphQLRequest, documentId: string | undefined): DocumentDecision {
    if (mode === PersistedDocumentsMode.OFF) {
      if (documentId === undefined) return {};
      return {
        refusal: new SwitchyardError(
          ErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
          'This gateway serves no persisted documents (PERSISTED_DOCUMENTS=off); send the query instead.',
        ),
      };
    }
    const apqHash = apqHashOf(request);
    const id = documentId ?? (request.query === undefined ? apqHash : undefined);
    if (id !== undefined && request.query === undefined) {
      const body = store.byId(id);
      if (body !== undefined) {
        request.query = body;
        // Served as a trusted document, not through Apollo's APQ cache (whose ids must be the body's hash).
        if (apqHash !== undefined) {
          const { persistedQuery: _, ...rest } = request.extensions ?? {};
          request.extensions = rest;
        }
        count(DocumentOutcome.KNOWN);
        return { outcome: DocumentOutcome.KNOWN };
      }
      if (documentId !== undefined || mode === PersistedDocumentsMode.REQUIRE) {
        count(DocumentOutcome.REFUSED);
        return { outcome: DocumentOutcome.REFUSED, refusal: notFound(id) };
      }
      count(DocumentOutcome.UNKNOWN);
      return { outcome: DocumentOutcome.UNKNOWN };
    }
    if (request.query === undefined) return {};
    if (documentId !== undefined ? store.byId(documentId) === request.query : store.hasBody(request.query)) {
      count(DocumentOutcome.KNOWN);
      return { outcome: DocumentOutcome.KNOWN };
    }
    if (mode === PersistedDocumentsMode.REQUIRE) {
      count(DocumentOutcome.REFUSED);
      return {
        outcome: DocumentOutcome.REFUSED,
        refusal: new SwitchyardError(
          ErrorCode.PERSISTED_QUERY_REQUIRED,
          'This gateway serves only persisted documents: send a documentId (or extensions.persistedQuery.sha256Hash) of a published document.',
        ),
      };
    }
    count(DocumentOutcome.UNKNOWN);
    return { outcome: DocumentOutcome.UNKNOWN };
  }
}

export type PersistedDocumentsStep = ReturnType<typeof createPersistedDocumentsStep>;
