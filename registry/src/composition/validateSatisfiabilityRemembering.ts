import { createHash } from 'node:crypto';
import { validateGraphComposition, validateSatisfiability } from '@apollo/composition';
import { printSchema, type Schema, Supergraph } from '@apollo/federation-internals';
import { buildFederatedQueryGraph, buildSupergraphAPIQueryGraph } from '@apollo/query-graphs';
import { LRUCache } from 'lru-cache';

/** Subgraphs extracted from supergraphs that validated, by the SHA-256 of their name and printed schema. */
export type ValidatedExtractions = LRUCache<string, true>;

/** Keys of this many validated extracted subgraphs are kept: the benchmark's 50 subgraphs for a score of versions. */
const VALIDATED_EXTRACTIONS_KEPT = 1_000;

/** An empty memory of validated extracted subgraphs, for `validateSatisfiabilityRemembering`. */
export function createValidatedExtractions(): ValidatedExtractions {
  return new LRUCache<string, true>({ max: VALIDATED_EXTRACTIONS_KEPT });
}

/**
 * Apollo's `validateSatisfiability` of a merged supergraph, validating again only the subgraphs it extracts that
 * were not extracted, identical, from an earlier supergraph. The satisfiability step extracts every subgraph back
 * out of the supergraph and validates each (two thirds of that step's extraction, a fifth of composing the benchmark
 * graph); a publish changes one subgraph, so the other extracted subgraphs print as they did and validate as they
 * did. Anything that fails to validate goes through Apollo's own step from the start, so errors are Apollo's. With
 * no `validated` memory, this is Apollo's step.
 */
export function validateSatisfiabilityRemembering(
  supergraphSchema: Schema,
  validated: ValidatedExtractions | undefined,
): ReturnType<typeof validateSatisfiability> {
  if (!validated) return validateSatisfiability({ supergraphSchema });
  // Extracted without validating (as `validateSupergraph: false` does); what was not validated before is, below.
  const supergraph = new Supergraph(supergraphSchema, null, false);
  const fresh: string[] = [];
  for (const subgraph of supergraph.subgraphs().values()) {
    const key = keyOf(subgraph.name, printSchema(subgraph.schema));
    if (validated.has(key)) continue;
    try {
      subgraph.schema.invalidate();
      subgraph.validate();
    } catch {
      return validateSatisfiability({ supergraphSchema });
    }
    fresh.push(key);
  }
  // The rest of Apollo's step, in its order.
  const supergraphQueryGraph = buildSupergraphAPIQueryGraph(supergraph);
  const federatedQueryGraph = buildFederatedQueryGraph(supergraph, false);
  const result = validateGraphComposition(
    supergraph.schema,
    supergraph.subgraphNameToGraphEnumValue(),
    supergraphQueryGraph,
    federatedQueryGraph,
    {},
  );
  for (const key of fresh) validated.set(key, true);
  return result;
}

function keyOf(name: string, sdl: string): string {
  const hash = createHash('sha256');
  for (const value of [name, sdl]) hash.update(`${Buffer.byteLength(value)}:`).update(value);
  return hash.digest('hex');
}
