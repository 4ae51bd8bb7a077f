import type { SchemaChange, SchemaError } from '../changes/types';

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
