import { type Composer, composerOf, schemaTooLarge } from '../composition/composerOf';
import type { RegistryDatabase } from '../db/openDatabase';
import { ErrorCode, SwitchyardError } from '../errors';
import { requireVariant } from '../graphs/requireVariant';
import { lockVariant } from '../versions/lockVariant';
import { readServedState, type ServedState } from '../versions/readServedState';
import { recordSupergraphVersion } from '../versions/recordSupergraphVersion';
import { summariseChanges } from './composeCandidate';
import type { PublishResult } from './PublishResult';
import { PublishStatus } from './PublishStatus';

/**
 * Removes a subgraph from a variant by composing the others into a new supergraph version. When the rest does
 * not compose (or nothing would be left), nothing changes and the result says why. Throws `NOT_FOUND` when the
 * subgraph is not part of the served supergraph. As with publish, composition runs before the variant's lock is
 * taken; under the lock the served state is read again and, if another change landed meanwhile, the others are
 * composed once more against it.
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
  const composer = composerOf(deps);
  const composedAgainst = await readServedState(db, variant.variantId);
  let candidate = await composeWithout(composer, input.subgraph, composedAgainst);

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
    // Another change landed while this composed: compose once more, under the lock (in the worker all the same).
    if (served.latest?.id !== composedAgainst.latest?.id)
      candidate = await composeWithout(composer, input.subgraph, served);
    if (candidate?.kind === 'tooLarge') throw schemaTooLarge(candidate);
    if (candidate?.kind !== 'composed') {
      return {
        status: PublishStatus.COMPOSITION_FAILED,
        message: `The other subgraphs of ${input.graph}@${input.variant} do not compose without "${input.subgraph}"; ${keepServing}.`,
        supergraphVersion: served.latest ?? null,
        changes: [],
        errors: candidate?.errors ?? [],
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

/**
 * The served subgraphs but `subgraph`, composed and diffed against the served API schema; `undefined` when there is
 * nothing to compose (the subgraph is not served, or the only one): the caller answers that under the lock.
 */
async function composeWithout(composer: Composer, subgraph: string, served: ServedState) {
  const remaining = served.subgraphs.filter((other) => other.subgraph !== subgraph);
  if (remaining.length === 0 || remaining.length === served.subgraphs.length) return undefined;
  return composer.compose({
    subgraphs: remaining.map(({ subgraph: name, url, sdl }) => ({ name, url, sdl })),
    servedApiSdl: served.latest?.apiSdl ?? null,
  });
}
