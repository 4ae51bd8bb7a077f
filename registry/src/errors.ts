import { GraphQLError } from 'graphql';

/**
 * Every error code the registry answers with, and the HTTP status each maps to. Apollo's own codes are reused
 * where they exist (`BAD_USER_INPUT`, `UNAUTHENTICATED`, `FORBIDDEN`).
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** A graph, variant or subgraph name breaks the naming rule (see `input/names.ts`). */
  INVALID_NAME: 'INVALID_NAME',
  /** A routing URL is not http(s), carries credentials or control characters, is too long or points somewhere refused. */
  INVALID_ROUTING_URL: 'INVALID_ROUTING_URL',
  /** A webhook URL breaks the routing URL rules (scheme, credentials, control characters, length, host). */
  INVALID_WEBHOOK_URL: 'INVALID_WEBHOOK_URL',
  /** The graph already has WEBHOOK_MAX_PER_GRAPH webhooks. */
  WEBHOOK_LIMIT_REACHED: 'WEBHOOK_LIMIT_REACHED',
  /** A request holds malformed percent-encoding, a NUL byte or a lone surrogate. */
  MALFORMED_INPUT: 'MALFORMED_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  /** No graph has that name; graphs are created with `switchyard graph create` or `publish --create` (ADMIN). */
  GRAPH_NOT_FOUND: 'GRAPH_NOT_FOUND',
  /** The graph has no variant of that name; create it as the graph is created. */
  VARIANT_NOT_FOUND: 'VARIANT_NOT_FOUND',
  /** Something with that name already exists. */
  ALREADY_EXISTS: 'ALREADY_EXISTS',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** A gateway's usage report is not valid gzip/JSON or breaks the usage contract; do not retry it. */
  BAD_USAGE_REPORT: 'BAD_USAGE_REPORT',
  /** Composing crashed (a stack overflow on a deeply chained schema, a dead worker); the message says how. */
  COMPOSITION_FAILED: 'COMPOSITION_FAILED',
  /** Composing took longer than COMPOSITION_TIMEOUT_MS and was stopped. */
  COMPOSITION_TIMEOUT: 'COMPOSITION_TIMEOUT',
  /** A subgraph SDL is over MAX_SDL_BYTES, MAX_SCHEMA_TYPES or MAX_SCHEMA_FIELDS; refused before composing. */
  SCHEMA_TOO_LARGE: 'SCHEMA_TOO_LARGE',
  /** A GraphQL API request over API_MAX_TOKENS / _DEPTH / _ALIASES / _ROOT_FIELDS / _COST (the gateway's codes). */
  TOKEN_LIMIT_EXCEEDED: 'TOKEN_LIMIT_EXCEEDED',
  DEPTH_LIMIT_EXCEEDED: 'DEPTH_LIMIT_EXCEEDED',
  ALIAS_LIMIT_EXCEEDED: 'ALIAS_LIMIT_EXCEEDED',
  ROOT_FIELD_LIMIT_EXCEEDED: 'ROOT_FIELD_LIMIT_EXCEEDED',
  COST_LIMIT_EXCEEDED: 'COST_LIMIT_EXCEEDED',
  /** A persisted document manifest is not JSON, not one of the accepted formats, or repeats an id. */
  INVALID_MANIFEST: 'INVALID_MANIFEST',
  /** A manifest is over PERSISTED_DOCUMENTS_MAX_BYTES or PERSISTED_DOCUMENTS_MAX_COUNT. */
  MANIFEST_TOO_LARGE: 'MANIFEST_TOO_LARGE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The HTTP status each code is answered with. */
export const httpStatusOf: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  INVALID_NAME: 400,
  INVALID_ROUTING_URL: 400,
  INVALID_WEBHOOK_URL: 400,
  WEBHOOK_LIMIT_REACHED: 400,
  MALFORMED_INPUT: 400,
  NOT_FOUND: 404,
  GRAPH_NOT_FOUND: 404,
  VARIANT_NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  PAYLOAD_TOO_LARGE: 413,
  BAD_USAGE_REPORT: 400,
  COMPOSITION_FAILED: 422,
  COMPOSITION_TIMEOUT: 422,
  SCHEMA_TOO_LARGE: 413,
  TOKEN_LIMIT_EXCEEDED: 400,
  DEPTH_LIMIT_EXCEEDED: 400,
  ALIAS_LIMIT_EXCEEDED: 400,
  ROOT_FIELD_LIMIT_EXCEEDED: 400,
  COST_LIMIT_EXCEEDED: 400,
  INVALID_MANIFEST: 400,
  MANIFEST_TOO_LARGE: 413,
  INTERNAL_SERVER_ERROR: 500,
};

/**
 * The registry's one error class. It is a `GraphQLError`, so Apollo Server puts `code` in `extensions.code` and
 * answers with the matching HTTP status; the plain HTTP routes render it as `{"error":{"code","message"}}`.
 */
export class SwitchyardError extends GraphQLError {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, data: Record<string, unknown> = {}) {
    super(message, { extensions: { ...data, code, http: { status: httpStatusOf[code] } } });
    this.name = 'SwitchyardError';
    this.code = code;
  }

  /** The HTTP status this error is answered with. */
  get status(): number {
    return httpStatusOf[this.code];
  }
}

/** Thrown by `loadConfig` with every invalid setting listed. */
export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid registry configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
