/** A JSON object of a response being assembled. */
export type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Merges what a fetch returned into what earlier fetches wrote, in place: objects key by key, lists of the same
 * length element by element, anything else replaced. `undefined` in the source never overwrites. Returns `target`.
 */
export function deepMerge(target: unknown, source: unknown): unknown {
  if (source === undefined || source === null) return target;
  const into = target as JsonObject;
  const from = source as JsonObject;
  for (const key of Object.keys(from)) {
    const value = from[key];
    if (value === undefined) continue;
    // An inherited name (`constructor`) must become the object's own before it is written.
    if (!Object.hasOwn(into, key) && key in into) {
      Object.defineProperty(into, key, { configurable: true, enumerable: true, value: undefined, writable: true });
    }
    const existing = into[key];
    if (existing && isObject(value)) {
      deepMerge(existing, value);
    } else if (Array.isArray(value) && Array.isArray(existing) && value.length === existing.length) {
      for (let i = 0; i < value.length; i++) {
        if (isObject(existing[i]) && isObject(value[i])) deepMerge(existing[i], value[i]);
        else existing[i] = value[i];
      }
    } else {
      into[key] = value;
    }
  }
  return target;
}
