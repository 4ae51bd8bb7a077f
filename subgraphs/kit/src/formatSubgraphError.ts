import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { SubgraphErrorCode } from './errors';

/** SQLSTATE class 22, "data exception": the database refused a value (a NUL in text, bytes that are not UTF-8). */
const DATA_EXCEPTION = /^22[0-9A-Z]{3}$/;

/** The SQLSTATE of a database error anywhere in `error`'s cause chain (drizzle wraps the driver's error). */
export function sqlStateOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = current.cause;
  }
  return undefined;
}

/**
 * The kit's `formatError`. A value the client sent that the database cannot take (PostgreSQL refuses a NUL
 * character in any text, as PGlite does) reaches the database as a query parameter and fails there with a data
 * exception; that is the client's mistake, so it answers `BAD_USER_INPUT` instead of Apollo's
 * `INTERNAL_SERVER_ERROR`. Every other error is left as Apollo formatted it.
 */
export function formatSubgraphError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const state = sqlStateOf(unwrapResolverError(error));
  if (!state || !DATA_EXCEPTION.test(state)) return formatted;
  return {
    message: `A value in the request cannot be stored or compared by the database (SQLSTATE ${state}), for example text holding a NUL character.`,
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: SubgraphErrorCode.BAD_USER_INPUT, sqlState: state },
  };
}
