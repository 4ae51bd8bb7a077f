import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import { ErrorCode, SwitchyardError } from '../errors';

/** `{"error":{"code","message"}}`, as the plain HTTP routes answer an error; unknown errors become a bare 500. */
function errorAnswer(error: unknown): { status: number; body: { error: { code: string; message: string } } } {
  const known = error instanceof SwitchyardError ? error : undefined;
  const code = known?.code ?? ErrorCode.INTERNAL_SERVER_ERROR;
  const message = known?.message ?? 'Internal server error.';
  return { status: known?.status ?? 500, body: { error: { code, message } } };
}

/** A GraphQL-shaped error body (for /graphql requests refused before Apollo runs). */
function graphQLErrorBody(error: SwitchyardError) {
  // The error's data (a limit and what was measured) goes along; the internal HTTP status does not.
  const { http: _http, ...extensions } = error.extensions;
  return { errors: [{ message: error.message, extensions: { ...extensions, code: error.code } }] };
}

/** Answers with a JSON body (routes that write to `node:http` themselves, such as the page). */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

/** Answers an HTTP API error as `{"error":{"code","message"}}` on a `node:http` response. */
export function sendError(response: ServerResponse, error: unknown): void {
  const { status, body } = errorAnswer(error);
  sendJson(response, status, body);
}

/** Answers an HTTP API error as `{"error":{"code","message"}}`. */
export function replyError(reply: FastifyReply, error: unknown): FastifyReply {
  const { status, body } = errorAnswer(error);
  return reply.code(status).header('content-type', 'application/json; charset=utf-8').send(body);
}

/** Answers a `/graphql` request refused before Apollo ran it with a GraphQL-shaped error. */
export function replyGraphQLError(reply: FastifyReply, error: SwitchyardError): FastifyReply {
  return reply
    .code(error.status)
    .header('content-type', 'application/json; charset=utf-8')
    .send(graphQLErrorBody(error));
}
