/** Bytes V8 spends on an object or array before its properties (map pointer, properties, elements). */
const OBJECT_HEADER = 24;
/** Bytes per property or element slot (a tagged pointer, plus the hidden class's share). */
const SLOT = 16;

/**
 * An estimate of the heap a value holds: strings at two bytes a character (V8 keeps many as one-byte, so this
 * errs high), objects and arrays at a header plus a slot per property, each object counted once however often it
 * is referenced (documents share nodes). Functions, symbols and class instances' prototypes count as a slot. It
 * walks the whole value, so call it once per cache insertion, never per request.
 */
export function estimateBytes(value: unknown): number {
  const seen = new Set<object>();
  let bytes = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next === 'string') {
      bytes += 16 + next.length * 2;
      continue;
    }
    if (typeof next !== 'object' || next === null) {
      bytes += 8;
      continue;
    }
    if (seen.has(next)) continue;
    seen.add(next);
    if (next instanceof Map || next instanceof Set) {
      bytes += OBJECT_HEADER + next.size * SLOT * 2;
      for (const entry of next instanceof Map ? next.entries() : next.values()) stack.push(entry);
      continue;
    }
    if (ArrayBuffer.isView(next)) {
      bytes += OBJECT_HEADER + next.byteLength;
      continue;
    }
    const keys = Object.keys(next);
    bytes += OBJECT_HEADER + keys.length * SLOT;
    for (const key of keys) stack.push((next as Record<string, unknown>)[key]);
  }
  return bytes;
}
