import type { Executor } from '../db/openDatabase';
import type { SupergraphVersionRow } from '../db/schema';
import {
  findLatestSupergraphVersion,
  findLinkedSubgraphVersions,
  type LinkedSubgraphVersion,
} from '../repositories/supergraphVersionRepository';

/** What a variant serves now: its newest supergraph version and the exact subgraph versions composed into it. */
export interface ServedState {
  latest: SupergraphVersionRow | undefined;
  subgraphs: LinkedSubgraphVersion[];
}

/**
 * Reads what a variant serves now. The subgraphs of the newest version are the variant's current subgraphs, which
 * is what makes delete and rollback exact: the next publish composes with whatever they left.
 */
export async function readServedState(db: Executor, variantId: string): Promise<ServedState> {
  const latest = await findLatestSupergraphVersion(db, variantId);
  const subgraphs = latest ? await findLinkedSubgraphVersions(db, latest.id) : [];
  return { latest, subgraphs };
}
