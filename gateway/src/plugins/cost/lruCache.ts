import { LRUCache } from 'lru-cache';
import { estimateBytes } from '../../caching/estimateBytes';

/**
 * A map bounded by the bytes it holds, forgetting the least recently used entries past `maxBytes` (lru-cache's
 * `maxSize`). Each entry is weighed once, when set, by `sizeOf` (default: `estimateBytes` of key and value); an
 * entry heavier than the whole budget is not kept. `maxBytes` 0 keeps nothing.
 */
export class LruCache<K extends {}, V extends {}> {
  readonly #entries: LRUCache<K, V> | undefined;

  constructor(
    readonly maxBytes: number,
    sizeOf: (value: V, key: K) => number = (value, key) => estimateBytes(key) + estimateBytes(value),
  ) {
    this.#entries =
      maxBytes > 0
        ? new LRUCache<K, V>({ maxSize: maxBytes, sizeCalculation: (value, key) => Math.max(1, sizeOf(value, key)) })
        : undefined;
  }

  get(key: K): V | undefined {
    return this.#entries?.get(key);
  }

  set(key: K, value: V): void {
    this.#entries?.set(key, value);
  }

  /** Forgets `key`; true when it was held. */
  delete(key: K): boolean {
    return this.#entries?.delete(key) ?? false;
  }

  clear(): void {
    this.#entries?.clear();
  }

  get size(): number {
    return this.#entries?.size ?? 0;
  }

  /** Bytes held, as weighed when each entry was set. */
  get bytes(): number {
    return this.#entries?.calculatedSize ?? 0;
  }
}
