import { findSchemaChanges } from '../changes/findSchemaChanges';
import { Criticality, type SchemaChange, type SchemaError } from '../changes/types';
import { composerOf, schemaTooLarge } from '../composition/composerOf';
import { contractErrors, contractFiltersOf, filterContracts } from '../contracts/filterContracts';
import { defaultCheckCost } from '../costs/checkCostSettings';
import type { OperationCostChange } from '../costs/compareOperationCosts';
import { type CostRegressions, findCostRegressions } from '../costs/findCostRegressions';
import type { CheckRow } from '../db/schema';
import { requireVariant } from '../graphs/requireVariant';
import { hashSdl } from '../hashSdl';
import { insertCheck } from '../repositories/checkRepository';
import { findLatestSupergraphVersion } from '../repositories/supergraphVersionRepository';
import { enqueueCheckDeliveries } from '../repositories/webhookRepository';
import { foldUsageInbox } from '../usage/foldUsageInbox';
import { parseDuration } from '../usage/reports/parseUsageWindow';
import { readServedState } from '../versions/readServedState';
import { summariseChanges } from './composeCandidate';
import { assertNotContract, assertOwnership, type PublishDependencies } from './publishSubgraph';
import {
  applyUsageToChanges,
  type CheckedSchemaChange,
  type CheckUsageOptions,
  defaultCheckUsage,
  resolveCheckUsageOptions,
} from './usageAwareChecks';
import { assertName, assertRoutingUrl, assertSdlSize } from './validateInput';

/** A proposed subgraph SDL to check against a graph's variant. */
export interface CheckSubgraphInput {
  graph: string;
  variant: string;
  subgraph: string;
  sdl: string;
  /** Routing URL; the subgraph's current one when omitted. */
  url?: string | null;
  /** How far back usage counts (`24h`, `7d`); the registry's `CHECK_USAGE_WINDOW` when omitted. */
  usageWindow?: string | null;
  /** Client names whose usage does not count. */
  excludeClients?: readonly string[] | null;
  /** Also block breaking changes to elements that were not deprecated first. Default false. */
  strict?: boolean | null;
  /** Let breaking changes through when the variant received no usage in the window. Default false. */
  allowNoUsage?: boolean | null;
}

/** What a check needs: the publish dependencies, with the registry's usage-aware check defaults. */
export type CheckDependencies = PublishDependencies;

/** What a check found for one contract of the variant: its API changes, or why it would no longer compose. */
export interface ContractCheck {
  /** The contract variant. */
  variant: string;
  ok: boolean;
  changes: SchemaChange[];
  errors: SchemaError[];
}

/** The outcome of a check; `ok` is false on invalid SDL, composition errors, or any blocking change. */
export interface CheckResult {
  id: string;
  /** The subgraph whose proposed SDL was checked. */
  subgraph: string;
  ok: boolean;
  message: string;
  changes: CheckedSchemaChange[];
  /**
   * Operations seen in the window and persisted documents the candidate makes costlier than the threshold
   * (DANGEROUS) or prices over the gateway's limit (BREAKING, failing the check). Empty in checks stored before.
   */
  costChanges: OperationCostChange[];
  errors: SchemaError[];
  warnings: SchemaError[];
  /** Each contract of the variant under the proposed SDL; one that no longer composes fails the check. */
  contracts: ContractCheck[];
  createdAt: Date;
}

/**
 * Checks a proposed subgraph SDL: the publish pipeline as a dry run against what the variant serves now. Breaking
 * changes block only when what they affect is still used (see `applyUsageToChanges`). Stores the outcome as a
 * check (with its CHECK webhook deliveries) and never creates a version.
 */
export async function checkSubgraph(deps: CheckDependencies, input: CheckSubgraphInput): Promise<CheckResult> {
  assertName('graph', input.graph);
  assertName('variant', input.variant);
  assertName('subgraph', input.subgraph);
  if (input.url) assertRoutingUrl(input.url, deps.routingUrls);
  assertSdlSize(input.sdl, deps.maxSdlBytes);
  const options = resolveCheckUsageOptions(deps.checkUsage ?? defaultCheckUsage, input);

  // A check never creates: a typo in --graph must fail, not pass against an empty graph.
  const variant = await requireVariant(deps.db, input.graph, input.variant);
  await assertNotContract(deps.db, variant);
  const outcome = await runCheck(deps, input, variant.variantId, options);
  // The check and its webhook deliveries commit together.
  const row = await deps.db.transaction(async (tx) => {
    const stored = await insertCheck(tx, {
      variantId: variant.variantId,
      subgraphName: input.subgraph,
      sdlHash: hashSdl(input.sdl),
      ok: outcome.ok,
      result: outcome,
    });
    await enqueueCheckDeliveries(tx, { variantId: variant.variantId, checkId: stored.id });
    return stored;
  });
  return { id: row.id, subgraph: input.subgraph, createdAt: row.createdAt, ...outcome };
}

async function runCheck(
  deps: PublishDependencies,
  input: CheckSubgraphInput,
  variantId: string,
  options: CheckUsageOptions,
): Promise<Omit<CheckResult, 'id' | 'subgraph' | 'createdAt'>> {
  const served = await readServedState(deps.db, variantId);
  const current = served.subgraphs.find((subgraph) => subgraph.subgraph === input.subgraph);
  const url = input.url ?? current?.url ?? `http://${input.subgraph}.invalid/graphql`;
  const others = served.subgraphs.filter((subgraph) => subgraph.subgraph !== input.subgraph);
  const filters = await contractFiltersOf(deps.db, variantId);
  const candidate = await composerOf(deps).compose({
    contracts: filters,
    subgraphs: [
      ...others.map(({ subgraph, url, sdl }) => ({ name: subgraph, url, sdl })),
      { name: input.subgraph, url, sdl: input.sdl },
    ],
    servedApiSdl: served.latest?.apiSdl ?? null,
    servedSupergraphSdl: served.latest?.supergraphSdl ?? null,
    changed: input.subgraph,
  });
  if (candidate.kind === 'tooLarge') throw schemaTooLarge(candidate);
  if (candidate.kind === 'invalid') {
    return {
      ok: false,
      message: `Subgraph "${input.subgraph}" has an invalid schema.`,
      changes: [],
      costChanges: [],
      errors: candidate.errors,
      warnings: [],
      contracts: [],
    };
  }
  if (candidate.kind === 'failed') {
    return {
      ok: false,
      message: `Subgraph "${input.subgraph}" does not compose with ${input.graph}@${input.variant}.`,
      changes: [],
      costChanges: [],
      errors: candidate.errors,
      warnings: [],
      contracts: [],
    };
  }
  const contracts = await checkContracts(deps, variantId, candidate.supergraphSdl, {
    filters,
    results: candidate.contracts,
  });
  const brokenContracts = contracts.filter((contract) => !contract.ok);
  const moved = assertOwnership(deps, input, candidate.ownershipMoves);
  // Every usage report acknowledged before the check counts in it.
  await foldUsageInbox(deps.db, { acceptedSoFar: true });
  const { changes, noUsage } = await applyUsageToChanges(deps.db, {
    variantId,
    changes: [...candidate.changes, ...moved],
    servedApiSdl: served.latest?.apiSdl ?? null,
    options,
  });
  const costs = served.latest
    ? await findCostRegressions(deps.db, {
        variantId,
        served: { apiSdl: served.latest.apiSdl, supergraphSdl: served.latest.supergraphSdl },
        candidate: { apiSdl: candidate.apiSchemaSdl, supergraphSdl: candidate.supergraphSdl },
        since: new Date(Date.now() - (parseDuration(options.usageWindow) ?? 0)),
        excludeClients: options.excludeClients,
        settings: options.cost ?? defaultCheckCost,
      })
    : { changes: [], priced: 0, truncated: false };
  const schemaBlocking = changes.filter((change) => change.blocking).length;
  const blocking =
    schemaBlocking + costs.changes.filter((change) => change.criticality === Criticality.BREAKING).length;
  const summary = `${summariseChanges(changes)}${costNote(costs)}`;
  const window = `usage in the last ${options.usageWindow}`;
  if (brokenContracts.length > 0) {
    return {
      ok: false,
      message: `Check failed for subgraph "${input.subgraph}": ${summary}, and contract(s) ${brokenContracts.map((contract) => `${input.graph}@${contract.variant}`).join(', ')} would no longer compose.`,
      changes,
      costChanges: costs.changes,
      errors: brokenContracts.flatMap((contract) => contract.errors),
      warnings: candidate.warnings,
      contracts,
    };
  }
  return {
    ok: blocking === 0,
    message:
      schemaBlocking > 0 && noUsage
        ? `Check failed for subgraph "${input.subgraph}": ${summary}, ${blocking} blocking: ${input.graph}@${input.variant} received no usage in the last ${options.usageWindow}, so nothing shows the breaking changes are safe. If that is expected (a new variant, no gateway reporting), check with --allow-no-usage, or set CHECK_ALLOW_NO_USAGE=true on the registry.`
        : blocking > 0
          ? `Check failed for subgraph "${input.subgraph}": ${summary}, ${blocking} blocking (${window}${options.strict ? ', strict' : ''}${persistedNote(changes)}).`
          : `Check passed for subgraph "${input.subgraph}": ${summary}${changes.length > 0 ? `, none blocking (${window})` : ''}.`,
    changes,
    costChanges: costs.changes,
    errors: [],
    warnings: candidate.warnings,
    contracts,
  };
}

/** `, 2 operations costlier (1 over the cost limit)`: the cost comparison's part of a check's message. */
function costNote(costs: CostRegressions): string {
  const over = costs.changes.filter((change) => change.criticality === Criticality.BREAKING).length;
  const truncated = costs.truncated ? `, costs compared for the first ${costs.priced} operations only` : '';
  if (costs.changes.length === 0) return truncated;
  const noun = costs.changes.length === 1 ? 'operation' : 'operations';
  return `, ${costs.changes.length} ${noun} costlier${over > 0 ? ` (${over} over the cost limit)` : ''}${truncated}`;
}

/** `, persisted documents of web 1.0` when published documents block a change: who to ask, or what to retire. */
function persistedNote(changes: readonly CheckedSchemaChange[]): string {
  const versions = new Set(
    changes
      .filter((change) => change.blocking)
      .flatMap((change) => change.usage?.documents ?? [])
      .map((document) => `${document.client} ${document.clientVersion}`),
  );
  return versions.size > 0 ? `, persisted documents of ${[...versions].sort().join(', ')}` : '';
}

/** Each contract of the variant applied to the candidate, diffed against what the contract serves. */
async function checkContracts(
  deps: PublishDependencies,
  variantId: string,
  supergraphSdl: string,
  computed: Parameters<typeof filterContracts>[3],
): Promise<ContractCheck[]> {
  const outcomes = await filterContracts(deps.db, variantId, supergraphSdl, computed);
  const checked: ContractCheck[] = [];
  for (const outcome of outcomes) {
    const { result, contract } = outcome;
    if (!result.ok) {
      checked.push({ variant: contract.variant, ok: false, changes: [], errors: contractErrors([outcome]) });
      continue;
    }
    const served = await findLatestSupergraphVersion(deps.db, contract.variantId);
    const changes = await findSchemaChanges(served?.apiSdl ?? null, result.apiSchemaSdl);
    checked.push({ variant: contract.variant, ok: true, changes, errors: [] });
  }
  return checked;
}

/** A stored check as the API shows it: what the check answered when it ran. */
export function toCheckResult(row: CheckRow): CheckResult {
  const { result } = row;
  return {
    id: row.id,
    subgraph: row.subgraphName,
    ok: row.ok,
    message: result.message,
    changes: result.changes.map((change) => ({
      ...change,
      criticality: toCriticality(change.criticality),
      blocking: change.blocking ?? false,
      usage: change.usage ?? null,
    })),
    costChanges: result.costChanges ?? [],
    errors: result.errors,
    warnings: result.warnings,
    contracts: (result.contracts ?? []).map((contract) => ({
      ...contract,
      changes: contract.changes.map((change) => ({ ...change, criticality: toCriticality(change.criticality) })),
    })),
    createdAt: row.createdAt,
  };
}

function toCriticality(value: string): Criticality {
  return value === Criticality.BREAKING || value === Criticality.DANGEROUS ? value : Criticality.SAFE;
}
