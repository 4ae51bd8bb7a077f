import { conditionalGet } from '../conditionalGet';

export { errorMessageOf, RegistryFetchError } from '../conditionalGet';

/** What one poll of the registry returned. */
export type FetchSupergraphResult =
  | { kind: 'updated'; sdl: string; etag: string; id: string }
  | { kind: 'unchanged' }
  | { kind: 'missing'; message: string };

/** Inputs of one poll. */
export interface FetchSupergraphInput {
  url: string;
  graph: string;
  variant: string;
  token?: string;
  etag?: string;
  timeoutMs: number;
  fetch: typeof globalThis.fetch;
  /** Aborts the request, e.g. when the source is stopped. */
  signal?: AbortSignal;
}

/**
 * Asks the registry for the current supergraph with `If-None-Match`, so an unchanged supergraph costs a 304.
 * Throws `RegistryFetchError` for anything but 200, 304 and 404 (no version published yet).
 */
export async function fetchSupergraph(input: FetchSupergraphInput): Promise<FetchSupergraphResult> {
  const path = `v1/graphs/${encodeURIComponent(input.graph)}/variants/${encodeURIComponent(input.variant)}/supergraph`;
  const answer = await conditionalGet({ ...input, path, accept: 'text/plain' });
  if (answer.kind !== 'ok') return answer;
  const { response } = answer;
  const sdl = await response.text();
  const etag = response.headers.get('etag') ?? '';
  const version = response.headers.get('x-switchyard-version') ?? '?';
  return { kind: 'updated', sdl, etag, id: `v${version}:${etag.replace(/^W\//, '').replaceAll('"', '')}` };
}
