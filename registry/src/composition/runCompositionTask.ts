import { parse } from 'graphql';
import type { SchemaError } from '../changes/types';
import type { ContractFilter, ContractResult } from '../contracts/applyContractFilter';
import type { FieldOwnership, OwnershipMove } from '../ownership/findFieldOwners';
import type { CandidateSubgraph, ComposedCandidate, FailedCandidate } from '../publishing/composeCandidate';
import { analyseCandidate, type CandidateAnalysisTask } from './analyseCandidate';
import { mergeSupergraph } from './composeSupergraph';
import { createFieldOwnersCache } from './createFieldOwnersCache';
import { createSubgraphBuilder, type SubgraphBuilder } from './createSubgraphBuilder';
import { findSchemaDepthProblem, measureSchemaDepth } from './measureSchemaDepth';
import { findSchemaSizeProblem, measureSchemaSize, type SchemaSize, type SchemaSizeLimits } from './measureSchemaSize';
import { createValidatedExtractions, type ValidatedExtractions } from './validateSatisfiabilityRemembering';
import { validateSubgraphSdl } from './validateSubgraphSdl';

/** One composition for a worker: the proposed subgraphs, the API schema served now, and the subgraph that changed. */
export interface CompositionTask {
  subgraphs: CandidateSubgraph[];
  /** The API schema the candidate is diffed against; `null` before the first version. */
  servedApiSdl: string | null;
  /**
   * The supergraph served now (`null` before the first version): the candidate's ownership moves are found against
   * it. Omitted, none are looked for (a deletion has its own permission).
   */
  servedSupergraphSdl?: string | null;
  /** The subgraph being published or checked: measured and validated on its own before composing. */
  changed?: string;
  /** Tag filters of the variant's contracts, applied to the candidate in the worker; none when omitted. */
  contracts?: ContractFilter[];
  limits: SchemaSizeLimits;
}

/** What a composition task ends in. Plain data, so it crosses the worker boundary and sits in the cache. */
export type CompositionOutcome =
  | (ComposedCandidate & {
      kind: 'composed';
      /** Fields the candidate takes from a subgraph that resolved them (see `findOwnershipMoves`). */
      ownershipMoves: OwnershipMove[];
      /** The task's contract filters applied to the candidate, in the task's order. */
      contracts: ContractResult[];
    })
  | (FailedCandidate & { kind: 'failed' })
  | { kind: 'invalid'; ok: false; errors: SchemaError[] }
  | {
      kind: 'tooLarge';
      ok: false;
      subgraph: string;
      /** What was measured: the nesting depth alone when that is over its limit (the SDL is then not parsed). */
      size: SchemaSize | { depth: number };
      message: string;
    };

/** What a thread keeps between its compositions: built and validated subgraphs, and recent field ownership. */
export interface CompositionMemory {
  subgraphs: SubgraphBuilder;
  /** Subgraphs extracted by earlier satisfiability validations that validated; none kept without a subgraph cache. */
  extractions?: ValidatedExtractions;
  fieldOwners(supergraphSdl: string | null): FieldOwnership;
}

/**
 * Memory for one thread's compositions, keeping up to `subgraphCacheBytes` of built subgraphs
 * (COMPOSITION_SUBGRAPH_CACHE_BYTES) and, unless that is 0, which extracted subgraphs validated, and the field
 * ownership of the last four supergraphs: the candidate a publish composed is the served supergraph the next
 * publish compares against.
 */
export function createCompositionMemory(subgraphCacheBytes: number): CompositionMemory {
  return {
    subgraphs: createSubgraphBuilder(subgraphCacheBytes),
    extractions: subgraphCacheBytes > 0 ? createValidatedExtractions() : undefined,
    fieldOwners: createFieldOwnersCache(),
  };
}

/**
 * The work behind publish and check, for a worker thread: the changed subgraph is measured against the size
 * limits and validated on its own first (cheap refusals before the expensive part), then everything is composed
 * (with the subgraphs `memory` built before), diffed against the served API schema, and its field ownership
 * compared with the served supergraph's, and the variant's contract filters applied to it.
 */
export async function runCompositionTask(
  task: CompositionTask,
  memory: CompositionMemory = createCompositionMemory(0),
): Promise<CompositionOutcome> {
  const changed = task.changed === undefined ? undefined : task.subgraphs.find((s) => s.name === task.changed);
  if (changed) {
    // Nesting first, from the tokens: parsing a schema nested thousands of levels deep overflows the stack.
    const depth = measureSchemaDepth(changed.sdl, task.limits.maxDepth);
    const tooDeep = findSchemaDepthProblem(changed.name, depth, task.limits.maxDepth);
    if (tooDeep) return { kind: 'tooLarge', ok: false, subgraph: changed.name, size: { depth }, message: tooDeep };
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
  const merged = mergeSupergraph(
    [...task.subgraphs].sort((a, b) => a.name.localeCompare(b.name)),
    memory.subgraphs,
    memory.extractions,
  );
  if (!merged.ok) return { ok: false, errors: merged.errors, kind: 'failed' };
  const composed = merged.validateSatisfiability();
  if (!composed.ok) return { ok: false, errors: composed.errors, kind: 'failed' };
  const analysisTask: CandidateAnalysisTask = {
    servedApiSdl: task.servedApiSdl,
    supergraphSdl: composed.supergraphSdl,
    apiSchemaSdl: composed.apiSchemaSdl,
    subgraphNames: task.subgraphs.map((subgraph) => subgraph.name),
    contracts: task.contracts ?? [],
  };
  if (task.servedSupergraphSdl !== undefined) analysisTask.servedSupergraphSdl = task.servedSupergraphSdl;
  const analysis = await analyseCandidate(analysisTask, memory.fieldOwners);
  return {
    kind: 'composed',
    ok: true,
    supergraphSdl: composed.supergraphSdl,
    apiSchemaSdl: composed.apiSchemaSdl,
    warnings: composed.hints,
    changes: analysis.changes,
    ownershipMoves: analysis.ownershipMoves,
    contracts: analysis.contracts,
  };
}

/** The size of `sdl`, or `undefined` when it does not parse (validation then reports why). */
function measureSdl(sdl: string): SchemaSize | undefined {
  try {
    return measureSchemaSize(parse(sdl, { noLocation: true }));
  } catch {
    return undefined;
  }
}
