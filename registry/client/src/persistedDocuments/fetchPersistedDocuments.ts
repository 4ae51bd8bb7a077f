import { errorMessageOf, RegistryFetchError } from '../supergraph/fetchSupergraph';
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
  const endpoint = new URL(
    persistedDocumentsPath(input.graph, input.variant),
    input.url.endsWith('/') ? input.url : `${input.url}/`,
  );
  const headers: Record<string, string> = { accept: 'application/json' };
  if (input.token) headers.authorization = `Bearer ${input.token}`;
  if (input.etag) headers['if-none-match'] = input.etag;
  let response: Response;
  try {
    const timeout = AbortSignal.timeout(input.timeoutMs);
    const signal = input.signal ? AbortSignal.any([input.signal, timeout]) : timeout;
    response = await input.fetch(endpoint, { headers, signal });
  } catch (error) {
    const reason =
      error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new RegistryFetchError(`Could not reach the registry at ${endpoint.origin}: ${reason}`);
  }
  if (response.status === 304) {
    await response.body?.cancel();
    return { kind: 'unchanged' };
  }
  if (response.status === 404) return { kind: 'missing', message: await errorMessageOf(response) };
  if (response.status !== 200) {
    const message = await errorMessageOf(response);
    throw new RegistryFetchError(`The registry answered ${response.status}: ${message}`, response.status);
  }
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
