import type { ServerResponse } from 'node:http';
import type { GraphQLFormattedError } from 'graphql';
import type { ErrorCode } from '../errors';

export const MediaType = {
  GRAPHQL_RESPONSE_JSON: 'application/graphql-response+json; charset=utf-8',
  JSON: 'application/json; charset=utf-8',
} as const;
export type MediaType = (typeof MediaType)[keyof typeof MediaType];

/** The media type of a response the gateway writes itself: GraphQL-over-HTTP's when the client accepts it. */
export function responseMediaType(accept: string | undefined): MediaType {
  return accept?.includes('application/graphql-response+json') ? MediaType.GRAPHQL_RESPONSE_JSON : MediaType.JSON;
}

/** Writes a complete response with a `content-length`, so keep-alive connections need no chunked encoding. */
export function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...headers,
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

/** Writes a GraphQL error response (`{ errors: [...] }`) that stopped a request before execution. */
export function sendGraphQLError(
  response: ServerResponse,
  status: number,
  accept: string | undefined,
  code: ErrorCode,
  message: string,
  headers: Record<string, string> = {},
): void {
  const error: GraphQLFormattedError = { message, extensions: { code } };
  send(response, status, responseMediaType(accept), JSON.stringify({ errors: [error] }), headers);
}
