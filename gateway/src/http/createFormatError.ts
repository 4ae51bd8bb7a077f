import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { ErrorCode } from '../errors';
import type { GatewayMetrics } from '../metrics';

export interface FormatErrorOptions {
  logger: Logger;
  metrics: GatewayMetrics;
}

/**
 * Client mistakes Apollo answers with a 400 but no code (its `requestPipeline`), by their exact message. A test
 * pins each, so an Apollo upgrade that rewords one fails there rather than turning it into INTERNAL_SERVER_ERROR.
 */
const CODES_OF_UNCODED_APOLLO_ERRORS: Readonly<Record<string, ErrorCode>> = {
  'provided sha does not match query': ErrorCode.PERSISTED_QUERY_HASH_MISMATCH,
  'Unsupported persisted query version': ErrorCode.PERSISTED_QUERY_VERSION_NOT_SUPPORTED,
};

/**
 * Apollo's `formatError` for the gateway. Errors that carry a code (ours, Apollo's, a subgraph's) reach the client
 * unchanged, and the client mistakes Apollo leaves uncoded get their catalogue code; anything else is a bug or an
 * internal failure, so the client gets `INTERNAL_SERVER_ERROR` with a generic message and no stack, while the log
 * keeps the original. Every error sent is counted by code.
 */
export function createFormatError({ logger, metrics }: FormatErrorOptions) {
  return function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      metrics.errors.inc({ code });
      return formatted;
    }
    // Apollo has already filled in INTERNAL_SERVER_ERROR for these: the original error tells them apart.
    const clientMistake =
      error instanceof GraphQLError && error.extensions.code === undefined
        ? CODES_OF_UNCODED_APOLLO_ERRORS[error.message]
        : undefined;
    if (clientMistake) {
      metrics.errors.inc({ code: clientMistake });
      return { ...formatted, extensions: { ...formatted.extensions, code: clientMistake } };
    }
    metrics.errors.inc({ code: ErrorCode.INTERNAL_SERVER_ERROR });
    logger.error({ err: unwrapResolverError(error), path: formatted.path }, 'internal error hidden from the client');
    const serviceName = formatted.extensions?.serviceName;
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: {
        code: ErrorCode.INTERNAL_SERVER_ERROR,
        ...(typeof serviceName === 'string' ? { serviceName } : {}),
      },
    };
  };
}
