import { ApolloServerErrorCode } from '@apollo/server/errors';
import { ErrorCode } from '../../../gateway/src/errors';
import type { RawResponse } from './sendRawRequest';

/**
 * Codes a gateway error may carry: the gateway's catalogue and Apollo's own codes, which it passes through.
 * `INTERNAL_SERVER_ERROR` is in both, yet a hostile request answered with it is a bug, so it is left out.
 */
export const CATALOGUE_CODES: ReadonlySet<string> = new Set(
  [...Object.values(ErrorCode), ...Object.values(ApolloServerErrorCode)].filter(
    (code) => code !== ErrorCode.INTERNAL_SERVER_ERROR,
  ),
);

interface AnsweredError {
  message?: unknown;
  extensions?: { code?: unknown; serviceName?: unknown };
}

/**
 * What is wrong with the gateway's answer to a hostile request, or undefined when nothing is: it must answer, below
 * 500, with a GraphQL JSON body; a refusal (4xx) carries errors; every error carries a code, from the catalogue
 * unless a subgraph reported it (`serviceName`: the subgraph owns its codes), and none is `INTERNAL_SERVER_ERROR`.
 * `bodyOverLimit`: the request's body is over the gateway's `MAX_BODY_BYTES`.
 */
export function checkAnswer(response: RawResponse, options: { bodyOverLimit?: boolean } = {}): string | undefined {
  // A server refusing a body over its limit answers 413 and closes without reading the rest; the client may then
  // see the connection reset before it reads the answer (TCP drops unread data on a reset), so that is no failure.
  if (options.bodyOverLimit && (response.failure === 'EPIPE' || response.failure === 'ECONNRESET')) return undefined;
  if (response.failure) return `no answer (${response.failure})`;
  if (response.status >= 500) return `HTTP ${response.status}`;
  let body: { data?: unknown; errors?: unknown };
  try {
    body = JSON.parse(response.body) as typeof body;
  } catch {
    return `HTTP ${response.status} with a body that is not JSON`;
  }
  if (typeof body !== 'object' || body === null) return `HTTP ${response.status} with a body that is not an object`;
  const errors = body.errors;
  if (errors !== undefined && !Array.isArray(errors)) return '`errors` is not a list';
  if (response.status >= 400 && (!Array.isArray(errors) || errors.length === 0)) {
    return `HTTP ${response.status} without errors`;
  }
  if (errors === undefined && body.data === undefined) return `HTTP ${response.status} with neither data nor errors`;
  for (const error of (errors ?? []) as AnsweredError[]) {
    const code = error.extensions?.code;
    if (typeof code !== 'string') return `an error without a code: ${JSON.stringify(error).slice(0, 200)}`;
    if (code === ErrorCode.INTERNAL_SERVER_ERROR) return `INTERNAL_SERVER_ERROR: ${String(error.message)}`;
    if (error.extensions?.serviceName === undefined && !CATALOGUE_CODES.has(code)) {
      return `code ${code} is not in the gateway's catalogue`;
    }
  }
  return undefined;
}

/** The codes of an answer's errors (for the per-category tally); empty when it has none or is not JSON. */
export function codesOf(response: RawResponse): string[] {
  try {
    const body = JSON.parse(response.body) as { errors?: AnsweredError[] };
    return (body.errors ?? []).map((error) => String(error.extensions?.code));
  } catch {
    return [];
  }
}
