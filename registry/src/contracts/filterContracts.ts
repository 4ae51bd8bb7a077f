import type { SchemaError } from '../changes/types';
import type { Executor } from '../db/openDatabase';
import { ErrorCode, SwitchyardError } from '../errors';
import { type ContractSummary, listContractsOfSource } from '../repositories/contractRepository';
import { applyContractFilter, type ContractResult } from './applyContractFilter';

/** One contract of a source, applied to a candidate supergraph of that source. */
export interface ContractOutcome {
  contract: ContractSummary;
  result: ContractResult;
}

/** Every contract of `sourceVariantId` applied to `supergraphSdl`, the source's candidate. */
export async function filterContracts(
  db: Executor,
  sourceVariantId: string,
  supergraphSdl: string,
): Promise<ContractOutcome[]> {
  const contracts = await listContractsOfSource(db, sourceVariantId);
  return contracts.map((contract) => ({
    contract,
    result: applyContractFilter(supergraphSdl, { include: contract.includeTags, exclude: contract.excludeTags }),
  }));
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
