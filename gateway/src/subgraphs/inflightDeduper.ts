/**
 * Shares one in-flight promise between identical calls: while a call for `key` is pending, later calls with the
 * same key get the same promise instead of starting their own. The entry is dropped as soon as it settles, so
 * nothing is cached beyond the moment.
 */
export interface InflightDeduper<T> {
  run(key: string, start: () => Promise<T>): { promise: Promise<T>; shared: boolean };
  /** Number of distinct calls currently in flight. */
  readonly size: number;
}

/** Creates an in-flight deduper (see `InflightDeduper`). */
export function createInflightDeduper<T>(): InflightDeduper<T> {
  const pending = new Map<string, Promise<T>>();
  return {
    run(key, start) {
      const existing = pending.get(key);
      if (existing) return { promise: existing, shared: true };
      const promise = start().finally(() => pending.delete(key));
      pending.set(key, promise);
      return { promise, shared: false };
    },
    get size() {
      return pending.size;
    },
  };
}
