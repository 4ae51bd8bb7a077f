import type { Logger } from 'pino';
import type { GatewayConfig } from '../../config';
import type { OperationCost } from '../../context';
import { SwitchyardError } from '../../errors';
import type { GatewayMetrics } from '../../metrics';
import type { BudgetStore } from './budgetStore';
import { createMemoryBudgetStore } from './memoryBudgetStore';
import { createRedisBudgetStore } from './redisBudgetStore';

/** The store `config.budgets` asks for: Redis when `redisUrl` is set, else memory. */
export function createBudgetStore(budgets: GatewayConfig['budgets']): BudgetStore {
  const shape = { capacity: budgets.capacity, refillPerSecond: budgets.refillPerSecond };
  return budgets.redisUrl
    ? createRedisBudgetStore({ ...shape, redis: budgets.redisUrl })
    : createMemoryBudgetStore(shape);
}

/**
 * The budget step: the caller's leaky bucket (keyed by `ClientInfo.id`) pays an operation's requested cost before
 * execution, or the operation is refused with `THROTTLED` (429, `Retry-After`); after the response, what was not
 * used is refunded (everything when the operation never executed). The bucket's state goes into `cost.budget`.
 */
export interface BudgetStep {
  /** Points taken (0 when nothing was charged), or the refusal. */
  pay(key: string, cost: OperationCost | undefined): Promise<number | SwitchyardError>;
  /** Gives back `taken` minus what was used: the actual cost when the operation executed, else nothing used. */
  refund(key: string, cost: OperationCost, taken: number, executed: boolean): Promise<void>;
  close(): Promise<void>;
}

export interface BudgetStepOptions {
  budgets: GatewayConfig['budgets'];
  /** Default: the one `budgets` asks for. */
  store?: BudgetStore;
  metrics?: Pick<GatewayMetrics, 'throttled'>;
  /** Warned when the store fails; the request is then let through rather than failed. */
  logger?: Pick<Logger, 'warn'>;
  now?: () => number;
}

export function createBudgetStep(options: BudgetStepOptions): BudgetStep {
  const { enabled, capacity, refillPerSecond } = options.budgets;
  if (!enabled) {
    return { pay: async () => 0, refund: async () => {}, close: async () => options.store?.close() };
  }
  const store = options.store ?? createBudgetStore(options.budgets);
  const now = options.now ?? Date.now;
  return {
    async pay(key, cost) {
      // No estimate, or over the limit (measure mode lets it run, unpaid).
      if (!cost || cost.requested > cost.limit) return 0;
      let take: Awaited<ReturnType<BudgetStore['take']>>;
      try {
        take = await store.take(key, cost.requested, now());
      } catch (error) {
        options.logger?.warn({ err: error, budgetKey: key }, 'budget store failed; letting the request through');
        return 0;
      }
      cost.budget = { remaining: Math.floor(take.remaining), capacity, refillPerSecond };
      if (take.ok) return cost.requested;
      options.metrics?.throttled.inc();
      return new SwitchyardError(
        'THROTTLED',
        `Your budget holds ${Math.floor(take.remaining)} of the ${cost.requested} cost points this operation needs; retry in ${take.retryAfterSeconds} s.`,
        { retryAfterSeconds: take.retryAfterSeconds },
        { headers: { 'retry-after': String(take.retryAfterSeconds) } },
      );
    },
    async refund(key, cost, taken, executed) {
      const used = executed ? (cost.actual ?? taken) : 0;
      if (!taken || used >= taken) return;
      try {
        const remaining = await store.refund(key, taken - used);
        if (cost.budget) cost.budget.remaining = Math.floor(remaining);
      } catch (error) {
        options.logger?.warn({ err: error }, 'budget refund failed');
      }
    },
    close: () => store.close(),
  };
}
