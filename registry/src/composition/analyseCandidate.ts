import { findSchemaChanges } from '../changes/findSchemaChanges';
import type { SchemaChange } from '../changes/types';
import { applyContractFilter, type ContractFilter, type ContractResult } from '../contracts/applyContractFilter';
import { compareFieldOwners, type FieldOwnership, type OwnershipMove } from '../ownership/findFieldOwners';

/** A merged candidate and what it is compared with: the work that follows composing, apart from composing. */
export interface CandidateAnalysisTask {
  /** The API schema served now; `null` before the first version. */
  servedApiSdl: string | null;
  /** The supergraph served now (`null` before the first version); omitted, no ownership moves are looked for. */
  servedSupergraphSdl?: string | null;
  supergraphSdl: string;
  apiSchemaSdl: string;
  /** The candidate's subgraphs: ownership moves are reported only between them. */
  subgraphNames: string[];
  /** Tag filters of the variant's contracts, applied to the candidate in this order. */
  contracts: ContractFilter[];
}

/** What the analysis found. Plain data, so it crosses the worker boundary. */
export interface CandidateAnalysis {
  /** The candidate's API schema changes against the served one. */
  changes: SchemaChange[];
  /** Fields the candidate takes from a subgraph that resolved them. */
  ownershipMoves: OwnershipMove[];
  /** The contract filters applied to the candidate. */
  contracts: ContractResult[];
}

/**
 * Diffs a candidate's API schema against the served one, compares its field ownership with the served supergraph's
 * (read through `fieldOwners`, which may remember recent supergraphs) and applies the contract filters to it. It
 * needs only the printed supergraph.
 */
export async function analyseCandidate(
  task: CandidateAnalysisTask,
  fieldOwners: (supergraphSdl: string | null) => FieldOwnership,
): Promise<CandidateAnalysis> {
  const changes = await findSchemaChanges(task.servedApiSdl, task.apiSchemaSdl);
  const ownershipMoves =
    task.servedSupergraphSdl === undefined
      ? []
      : compareFieldOwners(
          fieldOwners(task.servedSupergraphSdl),
          fieldOwners(task.supergraphSdl),
          new Set(task.subgraphNames),
        );
  const contracts = task.contracts.map((filter) => applyContractFilter(task.supergraphSdl, filter));
  return { changes, ownershipMoves, contracts };
}
