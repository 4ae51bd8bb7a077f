import { type BucketShape, type BudgetStore, takeFromBucket } from './budgetStore';

/** Takes between sweeps of buckets that have refilled completely (and so need not be kept). */
const SWEEP_EVERY = 1000;

/** Budgets kept in this process: right for one gateway; replicas each get their own budget. */
export function createMemoryBudgetStore(shape: BucketShape): BudgetStore {
  const buckets = new Map<string, { tokens: number; updatedAt: number }>();
  let takes = 0;
  const sweep = (now: number) => {
    const fullAfterMs = (shape.capacity / shape.refillPerSecond) * 1000;
    for (const [client, bucket] of buckets) if (now - bucket.updatedAt >= fullAfterMs) buckets.delete(client);
  };
  return {
    async take(client, cost, now) {
      takes += 1;
      if (takes % SWEEP_EVERY === 0) sweep(now);
      const { take, bucket } = takeFromBucket(shape, buckets.get(client), cost, now);
      buckets.set(client, bucket);
      return take;
    },
    async refund(client, amount) {
      const bucket = buckets.get(client);
      if (!bucket) return shape.capacity;
      bucket.tokens = Math.min(shape.capacity, bucket.tokens + amount);
      return bucket.tokens;
    },
    async close() {
      buckets.clear();
    },
  };
}
