import { findSchemaChanges } from '../changes/findSchemaChanges';
import type { RegistryDatabase } from '../db/openDatabase';
import type { SupergraphVersionRow } from '../db/schema';
import { ErrorCode, SwitchyardError } from '../errors';
import { requireVariant } from '../graphs/requireVariant';
import { findLinkedSubgraphVersions, findSupergraphVersion } from '../repositories/supergraphVersionRepository';
import { lockVariant } from './lockVariant';
import { readServedState } from './readServedState';
import { recordSupergraphVersion } from './recordSupergraphVersion';

/**
 * Serves an earlier supergraph again by storing it as a new version: same SDLs, same subgraph versions re-linked,
 * `rolledBackFrom` set to the version restored, and changes diffed against what was served. History is never
 * rewritten. Throws `GRAPH_NOT_FOUND` / `VARIANT_NOT_FOUND` for an unknown graph or
 * variant, `NOT_FOUND` for an unknown version.
 */
export async function rollbackSupergraph(
  db: RegistryDatabase,
  input: { graph: string; variant: string; toVersion: number },
): Promise<SupergraphVersionRow> {
  const notFound = new SwitchyardError(
    ErrorCode.NOT_FOUND,
    `${input.graph}@${input.variant} has no supergraph version ${input.toVersion}.`,
  );
  const variant = await requireVariant(db, input.graph, input.variant);
  return db.transaction(async (tx) => {
    await lockVariant(tx, variant.variantId);
    const target = await findSupergraphVersion(tx, variant.variantId, input.toVersion);
    if (!target) throw notFound;
    const served = await readServedState(tx, variant.variantId);
    const restored = await findLinkedSubgraphVersions(tx, target.id);
    const servedByName = new Map(served.subgraphs.map((subgraph) => [subgraph.subgraph, subgraph.id]));
    const restoredNames = new Set(restored.map((subgraph) => subgraph.subgraph));
    const changedSubgraphs = [
      ...restored.filter((subgraph) => servedByName.get(subgraph.subgraph) !== subgraph.id).map((s) => s.subgraph),
      ...served.subgraphs.filter((subgraph) => !restoredNames.has(subgraph.subgraph)).map((s) => s.subgraph),
    ].sort();
    return recordSupergraphVersion(tx, {
      variantId: variant.variantId,
      previous: served.latest,
      supergraphSdl: target.supergraphSdl,
      apiSdl: target.apiSdl,
      changes: await findSchemaChanges(served.latest?.apiSdl ?? null, target.apiSdl),
      subgraphVersionIds: restored.map((subgraph) => subgraph.id),
      changedSubgraphs,
      rolledBackFrom: target.version,
    });
  });
}
