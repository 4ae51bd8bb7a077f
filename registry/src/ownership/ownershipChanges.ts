import { Criticality, type SchemaChange } from '../changes/types';
import { hashSdl } from '../hashSdl';
import type { OwnershipMove } from './findFieldOwners';

/** The change type of a field whose resolution moves from one subgraph to another. */
export const FIELD_OWNERSHIP_MOVED = 'FIELD_OWNERSHIP_MOVED';

/**
 * Ownership moves as changes of their own class: the API schema does not change, so a schema diff never shows
 * them, yet another subgraph now answers the field (its data, latency and errors), which is dangerous.
 */
export function ownershipChanges(moves: readonly OwnershipMove[]): SchemaChange[] {
  return moves.map((move) => ({
    id: hashSdl(JSON.stringify([FIELD_OWNERSHIP_MOVED, move.coordinate, move.from, move.to])).slice(0, 16),
    type: FIELD_OWNERSHIP_MOVED,
    criticality: Criticality.DANGEROUS,
    coordinate: move.coordinate,
    message: `Field '${move.coordinate}' moves from subgraph '${move.from}' to ${move.to ? `'${move.to}'` : 'another subgraph'}: it now resolves there, with that subgraph's data, latency and errors.`,
  }));
}
