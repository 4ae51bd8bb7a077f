import { buildSubgraph, errorCauses } from '@apollo/federation-internals';
import { type DocumentNode, GraphQLError, parse } from 'graphql';
import type { SchemaError } from '../changes/types';
import { toSchemaError } from './toSchemaError';

/** The URL given to federation's validator; validation never contacts it. */
const VALIDATION_URL = 'http://subgraph.invalid/graphql';

/**
 * Checks one subgraph's SDL on its own: it must parse, and it must be a valid Federation subgraph (known
 * directives, resolvable `@key` fields, correct `@link` imports…). Errors carry Apollo's codes (`INVALID_GRAPHQL`
 * for syntax errors) and the line and column in `sdl` when known.
 */
export function validateSubgraphSdl(name: string, sdl: string): { ok: true } | { ok: false; errors: SchemaError[] } {
  let document: DocumentNode;
  try {
    document = parse(sdl);
  } catch (error) {
    if (error instanceof GraphQLError) {
      return { ok: false, errors: [toSchemaError(error, 'INVALID_GRAPHQL', name)] };
    }
    throw error;
  }
  try {
    buildSubgraph(name, VALIDATION_URL, document).validate();
    return { ok: true };
  } catch (error) {
    const causes = error instanceof Error ? errorCauses(error) : undefined;
    if (!causes) throw error;
    return { ok: false, errors: causes.map((cause) => toSchemaError(cause, 'INVALID_GRAPHQL', name)) };
  }
}
