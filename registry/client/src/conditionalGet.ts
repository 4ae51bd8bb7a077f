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

/** Inputs of one conditional GET of the registry. */
export interface ConditionalGetInput {
  /** The registry's base URL. */
  url: string;
  /** The resource's path under it, without a leading slash. */
  path: string;
  accept: string;
  token?: string;
  /** The ETag of what the caller holds: an unchanged resource is answered 304. */
  etag?: string;
  timeoutMs: number;
  fetch: typeof globalThis.fetch;
  /** Aborts the request, e.g. when the poller is stopped. */
  signal?: AbortSignal;
}

/** A conditional GET's outcome: unchanged (304), missing (404, with the registry's message), or a 200 to read. */
export type ConditionalGetResult =
  | { kind: 'unchanged' }
  | { kind: 'missing'; message: string }
  | { kind: 'ok'; response: Response };

/**
 * GETs a registry resource with `If-None-Match` and a time limit, as the gateway's pollers do. Throws
 * `RegistryFetchError` when the registry cannot be reached, and for any answer but 200, 304 and 404.
 */
export async function conditionalGet(input: ConditionalGetInput): Promise<ConditionalGetResult> {
  const endpoint = new URL(input.path, input.url.endsWith('/') ? input.url : `${input.url}/`);
  const headers: Record<string, string> = { accept: input.accept };
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
  return { kind: 'ok', response };
}
