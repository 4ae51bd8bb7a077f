import { type ApiLimits, checkApiLimits, defaultApiLimits } from '../api/limits/checkApiLimits';
import { ErrorCode, SwitchyardError } from '../errors';
import { findMalformedString } from '../input/malformedStrings';

/**
 * What refuses a `/graphql` request before Apollo runs it: a malformed string (NUL byte, lone surrogate) anywhere in
 * the body or query string (`MALFORMED_INPUT`), or a document over the API's limits (`API_MAX_*`). Undefined when
 * the request may run.
 */
export function refuseGraphQLRequest(
  body: unknown,
  url: string,
  apiLimits: ApiLimits = defaultApiLimits,
): SwitchyardError | undefined {
  const malformed = findMalformedString(body) ?? findMalformedString(url);
  if (malformed) {
    const where = malformed.path === '(body)' ? 'the request' : malformed.path;
    return new SwitchyardError(ErrorCode.MALFORMED_INPUT, `The request holds a ${malformed.reason} in ${where}.`);
  }
  const search = new URL(url, 'http://localhost').searchParams;
  const requested =
    typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  return checkApiLimits(
    requested.query ?? search.get('query') ?? undefined,
    requested.operationName ?? search.get('operationName') ?? undefined,
    apiLimits,
  );
}
