/** Milliseconds since `start` (a `performance.now()` reading). */
export const ms = (start: number) => performance.now() - start;

/** A figure with two decimals below 100, whole above. */
export const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));
