import { findSchemaChanges } from '../changes/findSchemaChanges';
import { renderChangelog } from '../changes/renderChangelog';
import type { SchemaChange } from '../changes/types';
import { assertContractsCompose, type ContractOutcome, filterContracts } from '../contracts/filterContracts';
import type { Executor } from '../db/openDatabase';
import type { SupergraphVersionRow } from '../db/schema';
import { hashSdl } from '../hashSdl';
import { findLatestSupergraphVersion, insertSupergraphVersion } from '../repositories/supergraphVersionRepository';
import { enqueueVersionDeliveries } from '../repositories/webhookRepository';
import { isDeprecationChange, WebhookEvent } from '../webhooks/WebhookEvent';
import { lockVariant } from './lockVariant';

/** A composed supergraph to store as the variant's next version. */
export interface SupergraphVersionDraft {
  variantId: string;
  /** The version being served now, if any; the new one gets the next number. */
  previous: SupergraphVersionRow | undefined;
  supergraphSdl: string;
  apiSdl: string;
  changes: SchemaChange[];
  subgraphVersionIds: string[];
  /** Names of the subgraphs this version adds, changes or removes, for the changelog. */
  changedSubgraphs: string[];
  rolledBackFrom?: number;
  /**
   * The variant's contracts applied to `supergraphSdl`, when the caller already did (publish, to answer
   * COMPOSITION_FAILED itself); applied here otherwise, throwing COMPOSITION_FAILED when one no longer composes.
   */
  contracts?: ContractOutcome[];
}

/**
 * Stores the variant's next supergraph version with its subgraph links, changes and changelog, and queues its
 * webhook deliveries (PUBLISH, and DEPRECATION when it deprecates something) in the same transaction. Call inside
 * the transaction that holds the variant's lock (`lockVariant`), after reading `previous` under it. Each contract
 * of the variant gets its next version too, from the same subgraph versions, filtered by its tags.
 */
export async function recordSupergraphVersion(
  tx: Executor,
  draft: SupergraphVersionDraft,
): Promise<SupergraphVersionRow> {
  const contracts = draft.contracts ?? (await filterContracts(tx, draft.variantId, draft.supergraphSdl));
  assertContractsCompose(contracts);
  const version = (draft.previous?.version ?? 0) + 1;
  const createdAt = new Date();
  const changelog = renderChangelog({
    version,
    previousVersion: draft.previous?.version ?? null,
    createdAt,
    changes: draft.changes,
    subgraphs: draft.changedSubgraphs,
  });
  const row = await insertSupergraphVersion(tx, {
    variantId: draft.variantId,
    version,
    supergraphSdl: draft.supergraphSdl,
    apiSdl: draft.apiSdl,
    hash: hashSdl(draft.supergraphSdl),
    changelog,
    rolledBackFrom: draft.rolledBackFrom ?? null,
    createdAt,
    subgraphVersionIds: draft.subgraphVersionIds,
    changes: draft.changes,
  });
  const events = draft.changes.some(isDeprecationChange)
    ? [WebhookEvent.PUBLISH, WebhookEvent.DEPRECATION]
    : [WebhookEvent.PUBLISH];
  await enqueueVersionDeliveries(tx, { variantId: draft.variantId, supergraphVersionId: row.id, events });
  await recordContractVersions(tx, contracts, draft);
  return row;
}

/**
 * The next version of each contract: its filtered supergraph, diffed against the contract's own served API, unless
 * the filter leaves it as it is served. Source locks are always taken before their contracts' locks.
 */
async function recordContractVersions(
  tx: Executor,
  outcomes: readonly ContractOutcome[],
  source: SupergraphVersionDraft,
): Promise<void> {
  for (const { contract, result } of outcomes) {
    if (!result.ok) continue;
    await lockVariant(tx, contract.variantId);
    const previous = await findLatestSupergraphVersion(tx, contract.variantId);
    if (previous?.hash === hashSdl(result.supergraphSdl)) continue;
    await recordSupergraphVersion(tx, {
      variantId: contract.variantId,
      previous,
      supergraphSdl: result.supergraphSdl,
      apiSdl: result.apiSchemaSdl,
      changes: await findSchemaChanges(previous?.apiSdl ?? null, result.apiSchemaSdl),
      subgraphVersionIds: source.subgraphVersionIds,
      changedSubgraphs: source.changedSubgraphs,
      contracts: [],
    });
  }
}
