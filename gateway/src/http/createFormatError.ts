import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { ErrorCode } from '../errors';
import type { GatewayMetrics } from '../metrics';

export interface FormatErrorOptions {
  logger: Logger;
  metrics: GatewayMetrics;
}

/**
 * Apollo's `formatError` for the gateway. Errors that carry a code (ours, Apollo's, a subgraph's) reach the client
 * unchanged; anything else is a bug or an internal failure, so the client gets `INTERNAL_SERVER_ERROR` with a
 * generic message and no stack, while the log keeps the original. Every error sent is counted by code.
 */
export function createFormatError({ logger, metrics }: FormatErrorOptions) {
  return function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      metrics.errors.inc({ code });
      return formatted;
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
