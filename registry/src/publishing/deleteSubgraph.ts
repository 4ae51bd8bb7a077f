import { type Composer, composerOf, schemaTooLarge } from '../composition/composerOf';
import type { RegistryDatabase } from '../db/openDatabase';
import { ErrorCode, SwitchyardError } from '../errors';
import { requireVariant } from '../graphs/requireVariant';
import { lockVariant } from '../versions/lockVariant';
import { readServedState } from '../versions/readServedState';
import { recordSupergraphVersion } from '../versions/recordSupergraphVersion';
import { summariseChanges } from './composeCandidate';
import type { PublishResult } from './PublishResult';
import { PublishStatus } from './PublishStatus';

/**
 * Removes a subgraph from a variant by composing the others into a new supergraph version. When the rest does
 * not compose (or nothing would be left), nothing changes and the result says why. Throws `NOT_FOUND` when the
 * subgraph is not part of the served supergraph.
 */
export async function deleteSubgraph(
  db: RegistryDatabase,
  input: { graph: string; variant: string; subgraph: string },
  deps: { composer?: Composer } = {},
): Promise<PublishResult> {
  const notFound = new SwitchyardError(
    ErrorCode.NOT_FOUND,
    `Subgraph "${input.subgraph}" is not part of ${input.graph}@${input.variant}.`,
  );
  const variant = await requireVariant(db, input.graph, input.variant);

  return db.transaction(async (tx) => {
    await lockVariant(tx, variant.variantId);
    const served = await readServedState(tx, variant.variantId);
    if (!served.subgraphs.some((subgraph) => subgraph.subgraph === input.subgraph)) throw notFound;
    const remaining = served.subgraphs.filter((subgraph) => subgraph.subgraph !== input.subgraph);
    const keepServing = `version ${served.latest?.version ?? 'none'} keeps serving`;
    if (remaining.length === 0) {
      return {
        status: PublishStatus.COMPOSITION_FAILED,
        message: `Subgraph "${input.subgraph}" is the last one of ${input.graph}@${input.variant}; ${keepServing}.`,
        supergraphVersion: served.latest ?? null,
        changes: [],
        errors: [{ code: 'NO_SUBGRAPHS', message: 'A supergraph needs at least one subgraph; publish another first.' }],
        warnings: [],
      };
    }
    // Under the lock (a delete is rare and small), but in the composer's worker: the event loop keeps serving.
    const candidate = await composerOf(deps).compose({
      subgraphs: remaining.map(({ subgraph, url, sdl }) => ({ name: subgraph, url, sdl })),
      servedApiSdl: served.latest?.apiSdl ?? null,
    });
    if (candidate.kind === 'tooLarge') throw schemaTooLarge(candidate);
    if (candidate.kind !== 'composed') {
      return {
        status: PublishStatus.COMPOSITION_FAILED,
        message: `The other subgraphs of ${input.graph}@${input.variant} do not compose without "${input.subgraph}"; ${keepServing}.`,
        supergraphVersion: served.latest ?? null,
        changes: [],
        errors: candidate.errors,
        warnings: [],
      };
    }
    const version = await recordSupergraphVersion(tx, {
      variantId: variant.variantId,
      previous: served.latest,
      supergraphSdl: candidate.supergraphSdl,
      apiSdl: candidate.apiSchemaSdl,
      changes: candidate.changes,
      subgraphVersionIds: remaining.map((subgraph) => subgraph.id),
      changedSubgraphs: [input.subgraph],
    });
    return {
      status: PublishStatus.PUBLISHED,
      message: `Deleted subgraph "${input.subgraph}" from ${input.graph}@${input.variant}; supergraph version ${version.version}: ${summariseChanges(candidate.changes)}.`,
      supergraphVersion: version,
      changes: candidate.changes,
      errors: [],
      warnings: candidate.warnings,
    };
  });
}
