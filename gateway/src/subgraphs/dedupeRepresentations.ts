import type { GraphQLFormattedError } from 'graphql';

/** Representations of one `_entities` fetch with duplicates removed, and where each original one went. */
export interface DedupedRepresentations {
  unique: unknown[];
  /** `indexOf[i]` is the position in `unique` of the i-th original representation. */
  indexOf: number[];
}

/**
 * Removes duplicate representations (the same entity reached through several paths, like the same product in many
 * orders), so the subgraph resolves each entity once. Returns `undefined` when there is nothing to remove, which
 * is the common case and costs one pass.
 */
export function dedupeRepresentations(representations: readonly unknown[]): DedupedRepresentations | undefined {
  const positions = new Map<string, number>();
  const unique: unknown[] = [];
  const indexOf: number[] = new Array(representations.length);
  for (let i = 0; i < representations.length; i++) {
    const representation = representations[i];
    // The planner builds every representation of a fetch from the same `requires` selection, so equal entities
    // serialize identically and the JSON text is a sound key.
    const key = JSON.stringify(representation);
    let position = positions.get(key);
    if (position === undefined) {
      position = unique.length;
      positions.set(key, position);
      unique.push(representation);
    }
    indexOf[i] = position;
  }
  return unique.length === representations.length ? undefined : { unique, indexOf };
}

interface EntitiesResponse {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}

/**
 * Puts a response to the deduplicated fetch back into the shape of the original one: `_entities` in the original
 * order (later copies cloned, because the gateway merges into each entity in place), and each error under
 * `_entities.<i>` repeated for every original position that shared it.
 */
export function fanOutEntities<T extends EntitiesResponse>(
  response: T,
  { unique, indexOf }: DedupedRepresentations,
): T {
  const entities = response.data?._entities;
  if (Array.isArray(entities) && entities.length === unique.length) {
    const seen = new Uint8Array(unique.length);
    response.data = {
      ...response.data,
      _entities: indexOf.map((position) => {
        const entity: unknown = entities[position];
        if (seen[position]) return entity === null || typeof entity !== 'object' ? entity : structuredClone(entity);
        seen[position] = 1;
        return entity;
      }),
    };
  }
  if (response.errors) {
    response.errors = response.errors.flatMap((error) => {
      const path = error.path;
      if (path?.[0] !== '_entities' || typeof path[1] !== 'number') return [error];
      const position = path[1];
      const rest = path.slice(2);
      const copies: GraphQLFormattedError[] = [];
      indexOf.forEach((p, original) => {
        if (p === position) copies.push({ ...error, path: ['_entities', original, ...rest] });
      });
      return copies.length > 0 ? copies : [error];
    });
  }
  return response;
}
