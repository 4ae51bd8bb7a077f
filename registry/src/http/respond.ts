import type { ServerResponse } from 'node:http';
import { ErrorCode, SwitchyardError } from '../errors';

/** Answers with a JSON body. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

/** Answers an HTTP API error as `{"error":{"code","message"}}`; unknown errors become a bare 500. */
export function sendError(response: ServerResponse, error: unknown): void {
  const known = error instanceof SwitchyardError ? error : undefined;
  const code = known?.code ?? ErrorCode.INTERNAL_SERVER_ERROR;
  const message = known?.message ?? 'Internal server error.';
  sendJson(response, known?.status ?? 500, { error: { code, message } });
}

/** Answers a GraphQL-shaped error (for /graphql requests refused before Apollo runs). */
export function sendGraphQLError(response: ServerResponse, error: SwitchyardError): void {
  // The error's data (a limit and what was measured) goes along; the internal HTTP status does not.
  const { http: _http, ...extensions } = error.extensions;
  sendJson(response, error.status, {
    errors: [{ message: error.message, extensions: { ...extensions, code: error.code } }],
  });
}
