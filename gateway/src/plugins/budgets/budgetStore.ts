/** The outcome of taking cost points from a client's bucket. */
export interface BudgetTake {
  /** Whether the bucket could pay; when false nothing was taken. */
  ok: boolean;
  /** Points left in the bucket after this take (or before it, when refused). */
  remaining: number;
  /** Seconds until the bucket holds enough to pay, 0 when `ok`. */
  retryAfterSeconds: number;
}

/**
 * Per-client leaky buckets of cost points that refill continuously up to their capacity. `take` pays an
 * operation's requested cost (an operation costing more than the capacity needs a full bucket and empties it);
 * `refund` gives back what it did not use. Implementations: `createMemoryBudgetStore` (one gateway) and
 * `createRedisBudgetStore` (replicas share one budget).
 */
export interface BudgetStore {
  take(client: string, cost: number, now: number): Promise<BudgetTake>;
  /** Returns the points in the bucket after the refund. */
  refund(client: string, amount: number): Promise<number>;
  close(): Promise<void>;
}

/** Size and refill rate of every client's bucket (`config.budgets`). */
export interface BucketShape {
  /** Points a full bucket holds. Default 1000. */
  capacity: number;
  /** Points refilled per second. Default 50. */
  refillPerSecond: number;
}

/** The bucket arithmetic shared by the memory store and (in Lua) the Redis store. */
export function takeFromBucket(
  shape: BucketShape,
  bucket: { tokens: number; updatedAt: number } | undefined,
  cost: number,
  now: number,
): { take: BudgetTake; bucket: { tokens: number; updatedAt: number } } {
  const start = bucket ?? { tokens: shape.capacity, updatedAt: now };
  const elapsedMs = Math.max(0, now - start.updatedAt);
  const level = Math.min(shape.capacity, start.tokens + (elapsedMs * shape.refillPerSecond) / 1000);
  const need = Math.min(cost, shape.capacity);
  if (level >= need) {
    return {
      take: { ok: true, remaining: level - need, retryAfterSeconds: 0 },
      bucket: { tokens: level - need, updatedAt: Math.max(now, start.updatedAt) },
    };
  }
  return {
    take: {
      ok: false,
      remaining: level,
      retryAfterSeconds: Math.max(1, Math.ceil((need - level) / shape.refillPerSecond)),
    },
    bucket: start,
  };
}
