import type { SchemaError } from '../changes/types';
import type { Executor } from '../db/openDatabase';
import { ErrorCode, SwitchyardError } from '../errors';
import { type ContractSummary, listContractsOfSource } from '../repositories/contractRepository';
import { applyContractFilter, type ContractFilter, type ContractResult } from './applyContractFilter';

/** One contract of a source, applied to a candidate supergraph of that source. */
export interface ContractOutcome {
  contract: ContractSummary;
  result: ContractResult;
}

/** A contract's filter, as composition tasks carry it. */
export function filterOf(contract: ContractSummary): ContractFilter {
  return { include: contract.includeTags, exclude: contract.excludeTags };
}

/**
 * Every contract of `sourceVariantId` applied to `supergraphSdl`, the source's candidate. `computed` are the results
 * a composition worker already made for `filters`: used when the contracts read now have those filters (nobody
 * changed them meanwhile), so the filter only runs on this thread when they changed (or for delete and rollback).
 */
export async function filterContracts(
  db: Executor,
  sourceVariantId: string,
  supergraphSdl: string,
  computed?: { filters: readonly ContractFilter[]; results: readonly ContractResult[] },
): Promise<ContractOutcome[]> {
  const contracts = await listContractsOfSource(db, sourceVariantId);
  const reusable =
    computed !== undefined &&
    computed.results.length === contracts.length &&
    JSON.stringify(computed.filters) === JSON.stringify(contracts.map(filterOf));
  return contracts.map((contract, index) => ({
    contract,
    result: (reusable ? computed.results[index] : undefined) ?? applyContractFilter(supergraphSdl, filterOf(contract)),
  }));
}

/** The filters of a source's contracts, in the order `filterContracts` lists them, for a composition task. */
export async function contractFiltersOf(db: Executor, sourceVariantId: string): Promise<ContractFilter[]> {
  return (await listContractsOfSource(db, sourceVariantId)).map(filterOf);
}

/** The errors of the contracts that no longer compose, each naming its contract variant. */
export function contractErrors(outcomes: readonly ContractOutcome[]): SchemaError[] {
  return outcomes.flatMap(({ contract, result }) =>
    result.ok
      ? []
      : result.errors.map((error) => ({
          ...error,
          message: `Contract ${contract.graph}@${contract.variant} no longer composes: ${error.message}`,
        })),
  );
}

/** Throws COMPOSITION_FAILED naming the contracts that no longer compose (delete and rollback, which answer no result). */
export function assertContractsCompose(outcomes: readonly ContractOutcome[]): void {
  const errors = contractErrors(outcomes);
  if (errors.length > 0) {
    throw new SwitchyardError(ErrorCode.COMPOSITION_FAILED, errors.map((error) => error.message).join(' '), {
      errors,
    });
  }
}
