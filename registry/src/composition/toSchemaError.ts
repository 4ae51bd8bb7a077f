import { errorCode } from '@apollo/federation-internals';
import type { GraphQLError } from 'graphql';
import type { SchemaError } from '../changes/types';

/**
 * Turns a GraphQL or federation error into a `SchemaError`, keeping Apollo's code (falling back to `fallbackCode`)
 * and the first source location, so CI output can point at the offending line.
 */
export function toSchemaError(error: GraphQLError, fallbackCode: string, subgraph?: string): SchemaError {
  const location = error.locations?.[0];
  const result: SchemaError = { code: errorCode(error) ?? fallbackCode, message: error.message };
  if (location) {
    result.line = location.line;
    result.column = location.column;
  }
  if (subgraph !== undefined) result.subgraph = subgraph;
  return result;
}
