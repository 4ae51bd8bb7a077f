import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { ourSubgraphs } from './subgraphs';

export interface PrintedGraph {
  subgraphs: { name: string; url: string; sdl: string }[];
  supergraphSdl: string;
}

/** Thrown when our own subgraphs stop composing; lists every composition error. */
export class CompositionFailedError extends Error {
  constructor(readonly errors: string[]) {
    super(`The subgraphs do not compose:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
    this.name = 'CompositionFailedError';
  }
}

/**
 * Prints each subgraph's SDL from its Pothos builder and composes the supergraph with `@apollo/composition`.
 * `urls` overrides routing URLs (tests run the subgraphs on free ports).
 */
export function composeOurSupergraph(urls: Record<string, string> = {}): PrintedGraph {
  const subgraphs = ourSubgraphs.map(({ name, schema, url }) => ({
    name,
    url: urls[name] ?? url,
    sdl: printSubgraphSchema(schema),
  }));
  const result = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors) throw new CompositionFailedError(result.errors.map((error) => error.message));
  return { subgraphs, supergraphSdl: result.supergraphSdl };
}
