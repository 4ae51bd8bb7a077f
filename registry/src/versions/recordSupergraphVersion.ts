import { renderChangelog } from '../changes/renderChangelog';
import type { SchemaChange } from '../changes/types';
import type { Executor } from '../db/openDatabase';
import type { SupergraphVersionRow } from '../db/schema';
import { hashSdl } from '../hashSdl';
import { insertSupergraphVersion } from '../repositories/supergraphVersionRepository';
import { enqueueVersionDeliveries } from '../repositories/webhookRepository';
import { isDeprecationChange, WebhookEvent } from '../webhooks/WebhookEvent';

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
}

/**
 * Stores the variant's next supergraph version with its subgraph links, changes and changelog, and queues its
 * webhook deliveries (PUBLISH, and DEPRECATION when it deprecates something) in the same transaction. Call inside
 * the transaction that holds the variant's lock (`lockVariant`), after reading `previous` under it.
 */
export async function recordSupergraphVersion(
  tx: Executor,
  draft: SupergraphVersionDraft,
): Promise<SupergraphVersionRow> {
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
  return row;
}
