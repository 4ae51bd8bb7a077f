import { buildSchema, type GraphQLSchema } from 'graphql';

/** How many built API schemas are kept: the served one and a candidate or two, per process. */
const CACHE_SIZE = 4;
const cache = new Map<string, GraphQLSchema>();

/**
 * Builds a `GraphQLSchema` from an API schema SDL printed by composition, reusing recent builds: consecutive
 * publishes diff against the schema the previous publish produced, and building a 2,000-type schema costs about
 * as much as the diff itself. The SDL comes from a successful composition, so it is not validated again.
 */
export function buildApiSchema(sdl: string): GraphQLSchema {
  const cached = cache.get(sdl);
  if (cached) {
    // Re-insert so the Map's insertion order doubles as least-recently-used order.
    cache.delete(sdl);
    cache.set(sdl, cached);
    return cached;
  }
  const schema = buildSchema(sdl, { assumeValidSDL: true, assumeValid: true });
  cache.set(sdl, schema);
  if (cache.size > CACHE_SIZE) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  return schema;
}
