import { parse } from 'graphql';
import type { SchemaError } from '../changes/types';
import {
  type CandidateSubgraph,
  type ComposedCandidate,
  composeCandidate,
  type FailedCandidate,
} from '../publishing/composeCandidate';
import { findSchemaSizeProblem, measureSchemaSize, type SchemaSize, type SchemaSizeLimits } from './measureSchemaSize';
import { validateSubgraphSdl } from './validateSubgraphSdl';

/** One composition for a worker: the proposed subgraphs, the API schema served now, and the subgraph that changed. */
export interface CompositionTask {
  subgraphs: CandidateSubgraph[];
  /** The API schema the candidate is diffed against; `null` before the first version. */
  servedApiSdl: string | null;
  /** The subgraph being published or checked: measured and validated on its own before composing. */
  changed?: string;
  limits: SchemaSizeLimits;
}

/** What a composition task ends in. Plain data, so it crosses the worker boundary and sits in the cache. */
export type CompositionOutcome =
  | (ComposedCandidate & { kind: 'composed' })
  | (FailedCandidate & { kind: 'failed' })
  | { kind: 'invalid'; ok: false; errors: SchemaError[] }
  | { kind: 'tooLarge'; ok: false; subgraph: string; size: SchemaSize; message: string };

/**
 * The work behind publish and check, for a worker thread: the changed subgraph is measured against the size
 * limits and validated on its own first (cheap refusals before the expensive part), then everything is composed and
 * diffed against the served API schema.
 */
export async function runCompositionTask(task: CompositionTask): Promise<CompositionOutcome> {
  const changed = task.changed === undefined ? undefined : task.subgraphs.find((s) => s.name === task.changed);
  if (changed) {
    const size = measureSdl(changed.sdl);
    const problem = size && findSchemaSizeProblem(changed.name, size, task.limits);
    if (size && problem) return { kind: 'tooLarge', ok: false, subgraph: changed.name, size, message: problem };
    const validation = validateSubgraphSdl(changed.name, changed.sdl);
    if (!validation.ok) {
      return {
        kind: 'invalid',
        ok: false,
        errors: validation.errors.map((error) => ({ ...error, subgraph: error.subgraph ?? changed.name })),
      };
    }
  }
  const candidate = await composeCandidate(task.subgraphs, task.servedApiSdl);
  return candidate.ok ? { ...candidate, kind: 'composed' } : { ...candidate, kind: 'failed' };
}

/** The size of `sdl`, or `undefined` when it does not parse (validation then reports why). */
function measureSdl(sdl: string): SchemaSize | undefined {
  try {
    return measureSchemaSize(parse(sdl, { noLocation: true }));
  } catch {
    return undefined;
  }
}
