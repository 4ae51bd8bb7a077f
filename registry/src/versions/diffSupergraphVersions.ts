import { findSchemaChanges } from '../changes/findSchemaChanges';
import type { SchemaChange } from '../changes/types';
import type { Executor } from '../db/openDatabase';
import { ErrorCode, SwitchyardError } from '../errors';
import { findVariant } from '../repositories/graphRepository';
import { findSupergraphVersion } from '../repositories/supergraphVersionRepository';

/**
 * The changes between any two supergraph versions of a variant, diffing their API schemas (`from` may be newer
 * than `to`). Throws `NOT_FOUND` when either version does not exist.
 */
export async function diffSupergraphVersions(
  db: Executor,
  input: { graph: string; variant: string; from: number; to: number },
): Promise<SchemaChange[]> {
  const variant = await findVariant(db, input.graph, input.variant);
  const [from, to] = variant
    ? await Promise.all([
        findSupergraphVersion(db, variant.variantId, input.from),
        findSupergraphVersion(db, variant.variantId, input.to),
      ])
    : [undefined, undefined];
  if (!from || !to) {
    const missing = from ? input.to : input.from;
    throw new SwitchyardError(
      ErrorCode.NOT_FOUND,
      `${input.graph}@${input.variant} has no supergraph version ${missing}.`,
    );
  }
  return findSchemaChanges(from.apiSdl, to.apiSdl);
}
