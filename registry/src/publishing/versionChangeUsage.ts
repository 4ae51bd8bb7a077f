import { Criticality, type SchemaChange } from '../changes/types';
import type { Executor } from '../db/openDatabase';
import { coordinateUsage } from '../usage/reports/coordinateUsage';
import { parseDuration } from '../usage/reports/parseUsageWindow';
import { affectedCoordinates, type ChangeUsage, mergeUsage } from './usageAwareChecks';

/** Who used what one breaking or dangerous change of a version affects, in the check window before it (`percent` null). */
export interface VersionChangeUsage {
  changeId: string;
  /** The coordinates the change affects, read in the API schema served before it. */
  coordinates: string[];
  usage: ChangeUsage;
}

/** Inputs of `usageOfVersionChanges`. */
export interface VersionChangeUsageInput {
  variantId: string;
  changes: readonly SchemaChange[];
  /** The API schema served before the version (the changes are against it); the version's own for version 1. */
  previousApiSdl: string;
  /** When the version was made: the window ends there. */
  createdAt: Date;
  /** How far back usage counts, as a duration (the check window, `CHECK_USAGE_WINDOW`). */
  usageWindow: string;
}

/**
 * For each breaking and dangerous change of a version, the clients, versions and operations that used the
 * coordinates it affects in the check window that ended when the version was made (safe changes left out).
 */
export async function usageOfVersionChanges(
  db: Executor,
  input: VersionChangeUsageInput,
): Promise<VersionChangeUsage[]> {
  const risky = input.changes.filter((change) => change.criticality !== Criticality.SAFE);
  if (risky.length === 0) return [];
  const until = input.createdAt;
  const since = new Date(until.getTime() - (parseDuration(input.usageWindow) ?? 0));
  const affected = risky.map((change) => ({ change, coordinates: affectedCoordinates(change, input.previousApiSdl) }));
  const all = [...new Set(affected.flatMap((entry) => entry.coordinates))];
  const usage = await coordinateUsage(db, { variantId: input.variantId, coordinates: all, since, until });
  const byCoordinate = new Map(usage.map((entry) => [entry.coordinate, entry]));
  return affected.map(({ change, coordinates }) => ({
    changeId: change.id,
    coordinates,
    // No share of the variant's requests: its total is not counted up to a past time.
    usage: mergeUsage(
      coordinates.map((coordinate) => byCoordinate.get(coordinate)),
      0,
      [],
    ),
  }));
}
