import { GraphQLError } from 'graphql';

/**
 * The gateway's error catalogue. Every error a client can see carries one of these codes in `extensions.code`;
 * Apollo's own codes (`GRAPHQL_VALIDATION_FAILED`, `BAD_USER_INPUT`, …) pass through unchanged.
 */
export const ErrorCode = {
  BAD_REQUEST: 'BAD_REQUEST',
  REQUEST_TOO_LARGE: 'REQUEST_TOO_LARGE',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  UNAUTHORIZED_FIELD_OR_TYPE: 'UNAUTHORIZED_FIELD_OR_TYPE',
  COST_LIMIT_EXCEEDED: 'COST_LIMIT_EXCEEDED',
  DEPTH_LIMIT_EXCEEDED: 'DEPTH_LIMIT_EXCEEDED',
  ALIAS_LIMIT_EXCEEDED: 'ALIAS_LIMIT_EXCEEDED',
  ROOT_FIELD_LIMIT_EXCEEDED: 'ROOT_FIELD_LIMIT_EXCEEDED',
  TOKEN_LIMIT_EXCEEDED: 'TOKEN_LIMIT_EXCEEDED',
  LIST_SIZE_ARGUMENT_REQUIRED: 'LIST_SIZE_ARGUMENT_REQUIRED',
  INTROSPECTION_DISABLED: 'INTROSPECTION_DISABLED',
  THROTTLED: 'THROTTLED',
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  SUBGRAPH_TIMEOUT: 'SUBGRAPH_TIMEOUT',
  SUBGRAPH_RESPONSE_TOO_LARGE: 'SUBGRAPH_RESPONSE_TOO_LARGE',
  SUPERGRAPH_NOT_READY: 'SUPERGRAPH_NOT_READY',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  // Client mistakes Apollo or Node answer without a code (or with a 500) unless the gateway catches them first.
  OPERATION_NAME_NOT_FOUND: 'OPERATION_NAME_NOT_FOUND',
  OPERATION_NAME_REQUIRED: 'OPERATION_NAME_REQUIRED',
  OPERATION_TYPE_NOT_SUPPORTED: 'OPERATION_TYPE_NOT_SUPPORTED',
  PERSISTED_QUERY_HASH_MISMATCH: 'PERSISTED_QUERY_HASH_MISMATCH',
  // PERSISTED_DOCUMENTS=require: only documents published for this graph's clients run.
  PERSISTED_QUERY_REQUIRED: 'PERSISTED_QUERY_REQUIRED',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
  PERSISTED_QUERY_VERSION_NOT_SUPPORTED: 'PERSISTED_QUERY_VERSION_NOT_SUPPORTED',
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  REQUEST_HEADER_FIELDS_TOO_LARGE: 'REQUEST_HEADER_FIELDS_TOO_LARGE',
  EXPECTATION_FAILED: 'EXPECTATION_FAILED',
  NOT_FOUND: 'NOT_FOUND',
  QUERY_PLANNING_LIMIT_EXCEEDED: 'QUERY_PLANNING_LIMIT_EXCEEDED',
  QUERY_PLANNING_FAILED: 'QUERY_PLANNING_FAILED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** HTTP status a response gets when an error with this code stops the whole request. */
export const httpStatusOf: Partial<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  REQUEST_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  // Limits refuse the whole operation before execution: a client error, not Apollo's default 500 for plugin throws.
  COST_LIMIT_EXCEEDED: 400,
  DEPTH_LIMIT_EXCEEDED: 400,
  ALIAS_LIMIT_EXCEEDED: 400,
  ROOT_FIELD_LIMIT_EXCEEDED: 400,
  TOKEN_LIMIT_EXCEEDED: 400,
  LIST_SIZE_ARGUMENT_REQUIRED: 400,
  INTROSPECTION_DISABLED: 400,
  // Only when authorization refuses the whole operation (reject mode); filtered fields are field errors in a 200.
  UNAUTHORIZED_FIELD_OR_TYPE: 403,
  THROTTLED: 429,
  SUPERGRAPH_NOT_READY: 503,
  OPERATION_NAME_NOT_FOUND: 400,
  OPERATION_NAME_REQUIRED: 400,
  OPERATION_TYPE_NOT_SUPPORTED: 400,
  PERSISTED_QUERY_HASH_MISMATCH: 400,
  PERSISTED_QUERY_REQUIRED: 400,
  // An id that names no persisted document (Apollo's own APQ miss stays 200, its protocol's retry signal).
  PERSISTED_QUERY_NOT_FOUND: 404,
  PERSISTED_QUERY_NOT_SUPPORTED: 400,
  PERSISTED_QUERY_VERSION_NOT_SUPPORTED: 400,
  REQUEST_TIMEOUT: 408,
  REQUEST_HEADER_FIELDS_TOO_LARGE: 431,
  EXPECTATION_FAILED: 417,
  NOT_FOUND: 404,
  // The planner's own complexity limits refuse the client's operation; any other planner failure
  // (QUERY_PLANNING_FAILED) is the gateway's and keeps Apollo's 500.
  QUERY_PLANNING_LIMIT_EXCEEDED: 400,
};

/**
 * The one error class of the gateway. `data` lands in `extensions` beside the code, for clients to act on
 * (for example `{ cost: { requested, limit } }`).
 */
export class SwitchyardError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    data: Record<string, unknown> = {},
    options: { path?: ReadonlyArray<string | number>; headers?: Record<string, string> } = {},
  ) {
    const status = httpStatusOf[code];
    super(message, {
      path: options.path,
      extensions: {
        code,
        ...data,
        ...(status ? { http: { status, headers: new Map(Object.entries(options.headers ?? {})) } } : {}),
      },
    });
    this.name = 'SwitchyardError';
  }
}

/** Thrown by `loadConfig` with every invalid setting listed, so an operator fixes them all in one go. */
export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid gateway configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
