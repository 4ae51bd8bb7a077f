import type { Change } from '@graphql-inspector/core';
import { coordinateOf } from './coordinateOf';

/** A change that adds a schema element; its description and deprecation are part of that one change. */
const ADDITIONS = new Set([
  'TYPE_ADDED',
  'FIELD_ADDED',
  'INPUT_FIELD_ADDED',
  'ENUM_VALUE_ADDED',
  'FIELD_ARGUMENT_ADDED',
  'DIRECTIVE_ADDED',
  'DIRECTIVE_ARGUMENT_ADDED',
]);

/** A change graphql-inspector emits alongside an addition for what the new element was declared with. */
function isDetail(change: Change): boolean {
  return change.type.includes('DESCRIPTION') || change.type.includes('DEPRECATION');
}

function isDeprecation(change: Change): boolean {
  return change.type.includes('DEPRECATION') && !change.type.endsWith('_REMOVED');
}

/** One addition, with whether the element arrived already deprecated. */
export interface FoldedChange {
  change: Change;
  coordinate: string;
  /** The element was added with `@deprecated`: said in the addition's message instead of a second change. */
  addedDeprecated: boolean;
}

/**
 * Folds the description and deprecation changes of an element added in the same diff into its addition, so a field
 * added with a description, or re-added as deprecated, is one change. A description or deprecation change on an
 * element that existed before stays its own change.
 */
export function foldAdditionDetails(changes: readonly Change[]): FoldedChange[] {
  const addedCoordinates = new Set(
    changes.filter((change) => ADDITIONS.has(change.type)).map((change) => coordinateOf(change)),
  );
  const deprecated = new Set<string>();
  const kept: Change[] = [];
  for (const change of changes) {
    const coordinate = coordinateOf(change);
    if (isDetail(change) && addedCoordinates.has(coordinate)) {
      if (isDeprecation(change)) deprecated.add(coordinate);
      continue;
    }
    kept.push(change);
  }
  return kept.map((change) => {
    const coordinate = coordinateOf(change);
    return { change, coordinate, addedDeprecated: ADDITIONS.has(change.type) && deprecated.has(coordinate) };
  });
}
