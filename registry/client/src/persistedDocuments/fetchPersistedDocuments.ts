import { conditionalGet, RegistryFetchError } from '../conditionalGet';
import { type PersistedDocumentEntry, PersistedDocumentsBody, persistedDocumentsPath } from './contract';

/** What one poll of a variant's persisted documents returned. */
export type FetchPersistedDocumentsResult =
  | { kind: 'updated'; documents: PersistedDocumentEntry[]; etag: string }
  | { kind: 'unchanged' }
  | { kind: 'missing'; message: string };

/** Inputs of one poll. */
export interface FetchPersistedDocumentsInput {
  url: string;
  graph: string;
  variant: string;
  token?: string;
  etag?: string;
  timeoutMs: number;
  fetch: typeof globalThis.fetch;
  signal?: AbortSignal;
}

/**
 * Asks the registry for a variant's persisted documents with `If-None-Match`, so an unchanged set costs a 304.
 * Throws `RegistryFetchError` for anything but 200, 304 and 404 (no such graph or variant), and for a body that
 * breaks the contract.
 */
export async function fetchPersistedDocuments(
  input: FetchPersistedDocumentsInput,
): Promise<FetchPersistedDocumentsResult> {
  const answer = await conditionalGet({
    ...input,
    path: persistedDocumentsPath(input.graph, input.variant),
    accept: 'application/json',
  });
  if (answer.kind !== 'ok') return answer;
  const { response } = answer;
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new RegistryFetchError('The registry answered persisted documents that are not JSON.', 200);
  }
  const parsed = PersistedDocumentsBody.safeParse(body);
  if (!parsed.success) throw new RegistryFetchError('The registry answered persisted documents off contract.', 200);
  return { kind: 'updated', documents: parsed.data.documents, etag: response.headers.get('etag') ?? '' };
}
