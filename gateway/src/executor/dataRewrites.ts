import { isAbstractType, isInterfaceType, isObjectType, isSubtype, type Schema } from '@apollo/federation-internals';
import type { FetchDataRewrite } from '@apollo/query-planner';
import type { JsonObject } from './deepMerge';

const FRAGMENT_PREFIX = '... on ';

/**
 * Whether `object` (by its `__typename`) is of `typeCondition` in the supergraph: the same type, or an object or
 * interface type that implements or belongs to it. Without a `__typename`, `whenUnknown`.
 */
export function isObjectOfType(
  schema: Schema,
  object: JsonObject,
  typeCondition: string,
  whenUnknown = false,
): boolean {
  const typename = object.__typename;
  if (!typename || typeof typename !== 'string') return whenUnknown;
  if (typename === typeCondition) return true;
  const type = schema.type(typename);
  const condition = schema.type(typeCondition);
  if (!type || !condition || !isAbstractType(condition)) return false;
  return (isObjectType(type) || isInterfaceType(type)) && isSubtype(condition, type);
}

/**
 * Applies a fetch's input or output rewrites to `value` in place: a path of field names and `... on T` conditions,
 * whose last field is set to a value (`ValueSetter`, e.g. an `@interfaceObject`'s `__typename`) or renamed
 * (`KeyRenamer`).
 */
export function applyRewrites(schema: Schema, rewrites: readonly FetchDataRewrite[] | undefined, value: unknown): void {
  if (!rewrites) return;
  for (const rewrite of rewrites) {
    const last = rewrite.path[rewrite.path.length - 1];
    if (last === undefined) continue;
    if (last.startsWith(FRAGMENT_PREFIX)) throw new Error(`Unexpected fragment as last element of ${rewrite.path}`);
    const apply =
      rewrite.kind === 'ValueSetter'
        ? (object: JsonObject) => {
            defineOwn(object, last);
            object[last] = rewrite.setValueTo;
          }
        : (object: JsonObject) => {
            const found = Object.hasOwn(object, last) ? object[last] : undefined;
            if (found) {
              defineOwn(object, rewrite.renameKeyTo);
              object[rewrite.renameKeyTo] = found;
              object[last] = undefined;
            }
          };
    applyAtPath(schema, rewrite.path, 0, rewrite.path.length - 1, value, apply);
  }
}

function applyAtPath(
  schema: Schema,
  path: readonly string[],
  from: number,
  end: number,
  value: unknown,
  apply: (object: JsonObject) => void,
): void {
  if (Array.isArray(value)) {
    for (const element of value) applyAtPath(schema, path, from, end, element, apply);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const object = value as JsonObject;
  if (from === end) {
    apply(object);
    return;
  }
  const element = path[from] ?? '';
  if (element.startsWith(FRAGMENT_PREFIX)) {
    if (isObjectOfType(schema, object, element.slice(FRAGMENT_PREFIX.length), true)) {
      applyAtPath(schema, path, from + 1, end, object, apply);
    }
  } else {
    applyAtPath(schema, path, from + 1, end, Object.hasOwn(object, element) ? object[element] : undefined, apply);
  }
}

function defineOwn(object: JsonObject, key: string): void {
  if (!Object.hasOwn(object, key) && key in object) {
    Object.defineProperty(object, key, { configurable: true, enumerable: true, value: undefined, writable: true });
  }
}
