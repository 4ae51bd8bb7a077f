import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { GraphQLError } from 'graphql';

/** A subgraph of a corpus graph: SDL and resolvers that read the run's state from their context. */
export interface CorpusSubgraph {
  name: string;
  typeDefs: string;
  resolvers: GraphQLResolverMap<unknown>;
}

/** One operation both executors run. */
export interface CorpusQuery {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** A small supergraph of the differential corpus, with the operations written for it. */
export interface CorpusGraph {
  name: string;
  /** No `@cost`, `@listSize` or auth directives. */
  plain: boolean;
  subgraphs: CorpusSubgraph[];
  /** Fresh state for one run (mutations change it); each executor's run starts from its own copy. */
  state?: () => unknown;
  queries: CorpusQuery[];
  /** Literal values for arguments of the randomised queries, by coordinate (`Query.product.id`). */
  arguments?: Record<string, string[]>;
}

/** SDL linking Federation 2.9 with the named directives. */
export function fed(imports: string[], sdl: string): string {
  const names = ['@key', ...imports].map((name) => `"${name}"`).join(', ');
  return `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: [${names}])\n${sdl}`;
}

type Row = Record<string, unknown>;

function matches(row: unknown, reference: unknown): boolean {
  if (reference === null || typeof reference !== 'object') return row === reference;
  if (row === null || typeof row !== 'object') return false;
  return Object.entries(reference).every(([key, value]) => matches((row as Row)[key], value));
}

/**
 * `__resolveReference` over `rows`: the row whose `keys` fields equal the representation's (nested keys compared
 * field by field), merged with the representation so `@requires` fields reach the resolvers; null when none does.
 */
export function byKey(rows: readonly Row[], ...keys: string[]) {
  return (reference: Row) => {
    const wanted = Object.fromEntries(keys.filter((key) => key in reference).map((key) => [key, reference[key]]));
    if (Object.keys(wanted).length === 0) return null;
    const row = rows.find((candidate) => matches(candidate, wanted));
    return row ? { ...row, ...reference } : null;
  };
}

/** An error a subgraph resolver throws, with a code and data in `extensions` as real subgraphs send. */
export function subgraphError(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, detail: { reason: message } } });
}
