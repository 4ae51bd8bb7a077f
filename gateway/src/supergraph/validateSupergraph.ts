import { Supergraph } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import type { DocumentNode } from 'graphql';

export type SupergraphValidation = { ok: true; subgraphs: string[] } | { ok: false; errors: string[] };

function messagesOf(error: unknown): string[] {
  if (
    error &&
    typeof error === 'object' &&
    'causes' in error &&
    Array.isArray(error.causes) &&
    error.causes.length > 0
  ) {
    return error.causes.map((cause: unknown) => (cause instanceof Error ? cause.message : String(cause)));
  }
  return [error instanceof Error ? error.message : String(error)];
}

/**
 * Checks that a supergraph SDL is one the gateway can serve, doing the same work `@apollo/gateway` does on
 * `update` (build and validate the supergraph, derive the API schema, build a query planner). `@apollo/gateway`
 * swaps parts of its state before all of that has succeeded, so a bad SDL must be caught here, before `update`.
 */
export function validateSupergraph(sdl: string | DocumentNode): SupergraphValidation {
  try {
    const supergraph = Supergraph.build(sdl, { validateSupergraph: true });
    const subgraphs = supergraph.subgraphsMetadata();
    const missingUrl = subgraphs.filter((subgraph) => !subgraph.url).map((subgraph) => subgraph.name);
    if (missingUrl.length > 0) return { ok: false, errors: missingUrl.map((name) => `subgraph "${name}" has no URL`) };
    supergraph.apiSchema();
    new QueryPlanner(supergraph);
    return { ok: true, subgraphs: subgraphs.map((subgraph) => subgraph.name) };
  } catch (error) {
    return { ok: false, errors: messagesOf(error) };
  }
}
