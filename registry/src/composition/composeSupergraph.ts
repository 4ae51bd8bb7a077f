import { type CompositionSuccess, compose } from '@apollo/composition';
import { printSchema, Subgraphs } from '@apollo/federation-internals';
import type { ASTNode, GraphQLError } from 'graphql';
import type { SchemaError } from '../changes/types';
import { createSubgraphBuilder, type SubgraphBuilder, type SubgraphInput } from './createSubgraphBuilder';
import { toSchemaError } from './toSchemaError';

export type { SubgraphInput } from './createSubgraphBuilder';

/** Builds every subgraph afresh: for callers without a cache of their own. */
const uncached = createSubgraphBuilder(0);

/** The outcome of composing: the supergraph and its API schema, or the composition errors. */
export type ComposeSupergraphResult =
  | { ok: true; supergraphSdl: string; apiSchemaSdl: string; hints: SchemaError[] }
  | { ok: false; errors: SchemaError[] };

/**
 * Composes subgraphs into a Federation 2 supergraph with Apollo's composition, as `composeServices` does, but with
 * each subgraph built by `builder`, which may hand back one it built for an earlier composition. Errors keep Apollo's
 * codes and name the subgraph they come from when Apollo knows it; composition hints come back as warnings. The API
 * schema (what clients see: no join directives, no `@inaccessible` elements) is printed for diffing and changelogs.
 * Subgraph SDL that does not parse is reported as `INVALID_GRAPHQL` rather than thrown.
 */
export function composeSupergraph(
  subgraphs: SubgraphInput[],
  builder: SubgraphBuilder = uncached,
): ComposeSupergraphResult {
  const built = new Subgraphs();
  const syntaxErrors: SchemaError[] = [];
  const buildErrors: GraphQLError[] = [];
  for (const subgraph of subgraphs) {
    const result = builder.build(subgraph);
    if (result.ok) built.add(result.subgraph);
    else if ('syntaxError' in result)
      syntaxErrors.push(toSchemaError(result.syntaxError, 'INVALID_GRAPHQL', subgraph.name));
    else buildErrors.push(...result.errors);
  }
  if (syntaxErrors.length > 0) return { ok: false, errors: syntaxErrors };

  const result = buildErrors.length > 0 ? { errors: buildErrors } : compose(built);
  if (result.errors) {
    return {
      ok: false,
      errors: result.errors.map((error) => toSchemaError(error, 'COMPOSITION_ERROR', subgraphOf(error.nodes))),
    };
  }
  return {
    ok: true,
    supergraphSdl: result.supergraphSdl,
    apiSchemaSdl: printSchema(result.schema.toAPISchema()),
    hints: result.hints.map(toWarning),
  };
}

type CompositionHint = CompositionSuccess['hints'][number];

function toWarning(hint: CompositionHint): SchemaError {
  const warning: SchemaError = { code: hint.definition.code, message: hint.message };
  const subgraph = subgraphOf(hint.nodes);
  if (subgraph !== undefined) warning.subgraph = subgraph;
  const location = hint.nodes?.[0]?.loc?.startToken;
  if (location) {
    warning.line = location.line;
    warning.column = location.column;
  }
  return warning;
}

/**
 * The subgraph an error or hint points at: Apollo tags some AST nodes with it, and every subgraph is parsed from a
 * `Source` named after the subgraph, so the first node's location names it too.
 */
function subgraphOf(nodes: readonly ASTNode[] | undefined): string | undefined {
  const node: unknown = nodes?.[0];
  if (typeof node === 'object' && node !== null && 'subgraph' in node && typeof node.subgraph === 'string') {
    return node.subgraph;
  }
  return nodes?.[0]?.loc?.source.name;
}
