import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApolloServer, HeaderMap } from '@apollo/server';
import type { ApiContext } from '../api/context';
import { type ApiLimits, checkApiLimits, defaultApiLimits } from '../api/limits/checkApiLimits';
import { ErrorCode, SwitchyardError } from '../errors';
import { findMalformedString } from '../input/malformedStrings';
import { readBody } from './readBody';
import { sendGraphQLError } from './respond';

/** Runs one `/graphql` request through Apollo Server with an already-built context. */
export async function serveGraphQL(
  apollo: ApolloServer<ApiContext>,
  context: ApiContext,
  request: IncomingMessage,
  response: ServerResponse,
  maxBodyBytes: number,
  apiLimits: ApiLimits = defaultApiLimits,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown;
  if (request.method === 'POST') {
    const text = await readBody(request, maxBodyBytes);
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      sendGraphQLError(response, new SwitchyardError(ErrorCode.BAD_USER_INPUT, 'The request body is not valid JSON.'));
      return;
    }
  }
  const malformed = findMalformedString(body) ?? findMalformedString(request.url ?? '');
  if (malformed) {
    const where = malformed.path === '(body)' ? 'the request' : malformed.path;
    sendGraphQLError(
      response,
      new SwitchyardError(ErrorCode.MALFORMED_INPUT, `The request holds a ${malformed.reason} in ${where}.`),
    );
    return;
  }
  const search = new URL(request.url ?? '/', 'http://localhost').searchParams;
  const requested =
    typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const overLimit = checkApiLimits(
    requested.query ?? search.get('query') ?? undefined,
    requested.operationName ?? search.get('operationName') ?? undefined,
    apiLimits,
  );
  if (overLimit) {
    sendGraphQLError(response, overLimit);
    return;
  }
  const result = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: request.method ?? 'GET',
      headers,
      search: new URL(request.url ?? '/', 'http://localhost').search,
      body,
    },
    context: async () => context,
  });
  for (const [key, value] of result.headers) response.setHeader(key, value);
  response.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}
