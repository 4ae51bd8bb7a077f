/** What one poll of the registry returned. */
export type FetchSupergraphResult =
  | { kind: 'updated'; sdl: string; etag: string; id: string }
  | { kind: 'unchanged' }
  | { kind: 'missing'; message: string };

/** A poll that failed: the registry is unreachable, refused the token, or answered with an error. */
export class RegistryFetchError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RegistryFetchError';
  }
}

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
  const endpoint = new URL(
    `v1/graphs/${encodeURIComponent(input.graph)}/variants/${encodeURIComponent(input.variant)}/supergraph`,
    input.url.endsWith('/') ? input.url : `${input.url}/`,
  );
  const headers: Record<string, string> = { accept: 'text/plain' };
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
  if (response.status === 404) {
    return { kind: 'missing', message: await errorMessageOf(response) };
  }
  if (response.status !== 200) {
    const message = await errorMessageOf(response);
    throw new RegistryFetchError(`The registry answered ${response.status}: ${message}`, response.status);
  }
  const sdl = await response.text();
  const etag = response.headers.get('etag') ?? '';
  const version = response.headers.get('x-switchyard-version') ?? '?';
  return { kind: 'updated', sdl, etag, id: `v${version}:${etag.replace(/^W\//, '').replaceAll('"', '')}` };
}

/** The `error.message` of a registry error body, else the start of the body. */
export async function errorMessageOf(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && 'error' in body) {
      const error: unknown = body.error;
      if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') {
        return error.message;
      }
    }
  } catch {
    // Not JSON: fall through to the raw body.
  }
  return text.slice(0, 200) || response.statusText;
}
