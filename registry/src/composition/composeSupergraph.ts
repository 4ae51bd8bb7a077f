import { type CompositionSuccess, composeServices } from '@apollo/composition';
import { printSchema } from '@apollo/federation-internals';
import { type ASTNode, type GraphQLError, parse, Source } from 'graphql';
import type { SchemaError } from '../changes/types';
import { toSchemaError } from './toSchemaError';

/** One subgraph as the registry stores it. */
export interface SubgraphInput {
  name: string;
  url: string;
  sdl: string;
}

/** The outcome of composing: the supergraph and its API schema, or the composition errors. */
export type ComposeSupergraphResult =
  | { ok: true; supergraphSdl: string; apiSchemaSdl: string; hints: SchemaError[] }
  | { ok: false; errors: SchemaError[] };

/**
 * Composes subgraphs into a Federation 2 supergraph with Apollo's `composeServices`. Errors keep Apollo's codes and
 * name the subgraph they come from when Apollo knows it; composition hints come back as warnings. The API schema
 * (what clients see: no join directives, no `@inaccessible` elements) is printed for diffing and changelogs.
 * Subgraph SDL that does not parse is reported as `INVALID_GRAPHQL` rather than thrown.
 */
export function composeSupergraph(subgraphs: SubgraphInput[]): ComposeSupergraphResult {
  const services = [];
  const parseErrors: SchemaError[] = [];
  for (const subgraph of subgraphs) {
    try {
      services.push({
        name: subgraph.name,
        url: subgraph.url,
        typeDefs: parse(new Source(subgraph.sdl, subgraph.name)),
      });
    } catch (error) {
      if (!isGraphQLError(error)) throw error;
      parseErrors.push(toSchemaError(error, 'INVALID_GRAPHQL', subgraph.name));
    }
  }
  if (parseErrors.length > 0) return { ok: false, errors: parseErrors };

  const result = composeServices(services);
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

function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof Error && error.name === 'GraphQLError';
}
