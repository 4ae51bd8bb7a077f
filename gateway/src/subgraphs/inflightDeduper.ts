/**
 * Shares one in-flight promise between identical calls: while a call for (`scope`, `body`) is pending, later calls
 * with the same pair get the same promise instead of starting their own. The entry is dropped as soon as it
 * settles, so nothing is cached beyond the moment.
 */
export interface InflightDeduper<T> {
  /**
   * `scope` is short (the subgraph and the headers that reach it) and `body` is the request body itself: the two are
   * keys of nested maps, so no combined key is built by copying the body.
   */
  run(scope: string, body: string, start: () => Promise<T>): { promise: Promise<T>; shared: boolean };
  /** Number of distinct calls currently in flight. */
  readonly size: number;
}

/** Creates an in-flight deduper (see `InflightDeduper`). */
export function createInflightDeduper<T>(): InflightDeduper<T> {
  const pending = new Map<string, Map<string, Promise<T>>>();
  let size = 0;
  return {
    run(scope, body, start) {
      let bodies = pending.get(scope);
      const existing = bodies?.get(body);
      if (existing) return { promise: existing, shared: true };
      if (!bodies) {
        bodies = new Map();
        pending.set(scope, bodies);
      }
      const inScope = bodies;
      const promise = start().finally(() => {
        inScope.delete(body);
        size--;
        if (inScope.size === 0 && pending.get(scope) === inScope) pending.delete(scope);
      });
      inScope.set(body, promise);
      size++;
      return { promise, shared: false };
    },
    get size() {
      return size;
    },
  };
}
