import type { RegistryDatabase } from '../db/openDatabase';
import { ErrorCode, SwitchyardError } from '../errors';
import { graphNotFound, requireVariant } from '../graphs/requireVariant';
import { assertName } from '../publishing/validateInput';
import {
  type ContractSummary,
  deleteContractRow,
  findContractInvolving,
  findContractOfVariant,
  insertContract,
  listContractsOfGraph,
} from '../repositories/contractRepository';
import { ensureVariantCreated, findGraph } from '../repositories/graphRepository';
import { findLatestSupergraphVersion, findLinkedSubgraphVersions } from '../repositories/supergraphVersionRepository';
import { lockVariant } from '../versions/lockVariant';
import { recordSupergraphVersion } from '../versions/recordSupergraphVersion';
import { applyContractFilter } from './applyContractFilter';
import { contractErrors } from './filterContracts';

/** A contract to create. */
export interface CreateContractInput {
  graph: string;
  /** The contract variant; created when it does not exist. */
  variant: string;
  /** The variant it filters. */
  source: string;
  include?: readonly string[] | null;
  exclude?: readonly string[] | null;
}

/** Most tags in one include or exclude list: far more than any contract names, far fewer than a flood. */
export const MAX_CONTRACT_TAGS = 50;
const tagPattern = /^[A-Za-z_][A-Za-z0-9_/-]{0,127}$/;

/** Tags as given, each once; refuses names `@tag(name:)` could not carry and lists past MAX_CONTRACT_TAGS. */
export function parseContractTags(kind: 'include' | 'exclude', tags: readonly string[] | null | undefined): string[] {
  const unique = [...new Set((tags ?? []).map((tag) => tag.trim()).filter((tag) => tag !== ''))];
  if (unique.length > MAX_CONTRACT_TAGS) {
    throw new SwitchyardError(ErrorCode.BAD_USER_INPUT, `At most ${MAX_CONTRACT_TAGS} ${kind} tags.`);
  }
  const bad = unique.find((tag) => !tagPattern.test(tag));
  if (bad !== undefined) {
    throw new SwitchyardError(
      ErrorCode.BAD_USER_INPUT,
      `"${bad.slice(0, 40)}" is not a tag name (letters, digits, _, - and /, starting with a letter or _).`,
    );
  }
  return unique;
}

/**
 * Creates a contract variant of `source` filtered by tags, and its first version from what the source serves (if
 * it serves anything): refused with COMPOSITION_FAILED when the filter leaves a schema that does not compose, and
 * with ALREADY_EXISTS when the variant is already a contract, a source, or has versions of its own.
 */
export async function createContract(db: RegistryDatabase, input: CreateContractInput): Promise<ContractSummary> {
  assertName('graph', input.graph);
  assertName('variant', input.variant);
  assertName('variant', input.source);
  const include = parseContractTags('include', input.include);
  const exclude = parseContractTags('exclude', input.exclude);
  if (include.length === 0 && exclude.length === 0) {
    throw new SwitchyardError(ErrorCode.BAD_USER_INPUT, 'A contract needs --include or --exclude tags.');
  }
  if (input.variant === input.source) {
    throw new SwitchyardError(ErrorCode.BAD_USER_INPUT, 'A contract cannot be its own source.');
  }
  const source = await requireVariant(db, input.graph, input.source);
  return db.transaction(async (tx) => {
    // The source's lock first, as every publish takes it before its contracts'.
    await lockVariant(tx, source.variantId);
    if (await findContractOfVariant(tx, source.variantId)) {
      throw new SwitchyardError(ErrorCode.BAD_USER_INPUT, `${input.graph}@${input.source} is itself a contract.`);
    }
    const variant = await ensureVariantCreated(tx, input.graph, input.variant);
    await lockVariant(tx, variant.variantId);
    const involved = await findContractInvolving(tx, variant.variantId);
    const ownVersion = await findLatestSupergraphVersion(tx, variant.variantId);
    if (involved || ownVersion) {
      throw new SwitchyardError(
        ErrorCode.ALREADY_EXISTS,
        involved
          ? `${input.graph}@${input.variant} already takes part in a contract (of ${involved.source}).`
          : `${input.graph}@${input.variant} has versions of its own; a contract needs a new or empty variant.`,
      );
    }
    await insertContract(tx, {
      variantId: variant.variantId,
      sourceVariantId: source.variantId,
      includeTags: include,
      excludeTags: exclude,
    });
    const served = await findLatestSupergraphVersion(tx, source.variantId);
    if (served) {
      const result = applyContractFilter(served.supergraphSdl, { include, exclude });
      const created = await findContractOfVariant(tx, variant.variantId);
      if (!created) throw new Error('The contract vanished in its own transaction.');
      const errors = contractErrors([{ contract: created, result }]);
      if (!result.ok || errors.length > 0) {
        throw new SwitchyardError(ErrorCode.COMPOSITION_FAILED, errors.map((error) => error.message).join(' '), {
          errors,
        });
      }
      const linked = await findLinkedSubgraphVersions(tx, served.id);
      await recordSupergraphVersion(tx, {
        variantId: variant.variantId,
        previous: undefined,
        supergraphSdl: result.supergraphSdl,
        apiSdl: result.apiSchemaSdl,
        changes: [],
        subgraphVersionIds: linked.map((subgraph) => subgraph.id),
        changedSubgraphs: linked.map((subgraph) => subgraph.subgraph),
        contracts: [],
      });
    }
    const created = await findContractOfVariant(tx, variant.variantId);
    if (!created) throw new Error('The contract vanished in its own transaction.');
    return created;
  });
}

/** A graph's contracts. */
export async function listContracts(db: RegistryDatabase, graph: string): Promise<ContractSummary[]> {
  assertName('graph', graph);
  const found = await findGraph(db, graph);
  if (!found) throw graphNotFound(graph);
  return listContractsOfGraph(db, found.id);
}

/**
 * Deletes a contract: its source's publishes no longer update it. The variant stays, serving its last version,
 * until `graph delete --variant` removes it.
 */
export async function deleteContract(
  db: RegistryDatabase,
  input: { graph: string; variant: string },
): Promise<ContractSummary> {
  assertName('graph', input.graph);
  assertName('variant', input.variant);
  const variant = await requireVariant(db, input.graph, input.variant);
  const contract = await findContractOfVariant(db, variant.variantId);
  if (!contract || !(await deleteContractRow(db, variant.variantId))) {
    throw new SwitchyardError(ErrorCode.NOT_FOUND, `${input.graph}@${input.variant} is not a contract.`);
  }
  return contract;
}
