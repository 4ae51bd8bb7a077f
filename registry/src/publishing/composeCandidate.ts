import { findSchemaChanges } from '../changes/findSchemaChanges';
import type { SchemaChange, SchemaError } from '../changes/types';
import { composeSupergraph } from '../composition/composeSupergraph';
import type { SubgraphBuilder } from '../composition/createSubgraphBuilder';

/** One subgraph of a proposed composition. */
export interface CandidateSubgraph {
  name: string;
  url: string;
  sdl: string;
}

/** A proposed composition that composed, with its changes against the served API schema. */
export interface ComposedCandidate {
  ok: true;
  supergraphSdl: string;
  apiSchemaSdl: string;
  warnings: SchemaError[];
  changes: SchemaChange[];
}

/** A proposed composition that did not compose. */
export interface FailedCandidate {
  ok: false;
  errors: SchemaError[];
}

/**
 * Composes a proposed set of subgraphs and, when that works, diffs its API schema against the one being served
 * (`null` before the first version). Pure apart from the pipeline's own work; the dry run behind publish and check.
 * `builder` builds the subgraphs (a composition worker's keeps the ones it built before); fresh ones when omitted.
 */
export async function composeCandidate(
  subgraphs: CandidateSubgraph[],
  servedApiSdl: string | null,
  builder?: SubgraphBuilder,
): Promise<ComposedCandidate | FailedCandidate> {
  const composed = composeSupergraph(
    [...subgraphs].sort((a, b) => a.name.localeCompare(b.name)),
    builder,
  );
  if (!composed.ok) return { ok: false, errors: composed.errors };
  const changes = await findSchemaChanges(servedApiSdl, composed.apiSchemaSdl);
  return {
    ok: true,
    supergraphSdl: composed.supergraphSdl,
    apiSchemaSdl: composed.apiSchemaSdl,
    warnings: composed.hints,
    changes,
  };
}

/** "3 changes (1 breaking, 1 dangerous)": how results summarise a diff. */
export function summariseChanges(changes: readonly SchemaChange[]): string {
  if (changes.length === 0) return 'no schema changes';
  const breaking = changes.filter((change) => change.criticality === 'BREAKING').length;
  const dangerous = changes.filter((change) => change.criticality === 'DANGEROUS').length;
  const noun = changes.length === 1 ? 'change' : 'changes';
  const details = [breaking > 0 ? `${breaking} breaking` : '', dangerous > 0 ? `${dangerous} dangerous` : '']
    .filter(Boolean)
    .join(', ');
  return details ? `${changes.length} ${noun} (${details})` : `${changes.length} ${noun}, all safe`;
}
