import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../../context';
import { SwitchyardError } from '../../errors';
import type { BudgetStore } from './budgetStore';
import { createMemoryBudgetStore } from './memoryBudgetStore';
import type { BudgetsPluginOptions } from './options';
import { createRedisBudgetStore } from './redisBudgetStore';

/** The store `config.budgets` asks for: Redis when `redisUrl` is set, else memory. */
export function createBudgetStore(budgets: BudgetsPluginOptions['config']['budgets']): BudgetStore {
  const shape = { capacity: budgets.capacity, refillPerSecond: budgets.refillPerSecond };
  return budgets.redisUrl
    ? createRedisBudgetStore({ ...shape, redis: budgets.redisUrl })
    : createMemoryBudgetStore(shape);
}

/**
 * Makes each client pay an operation's requested cost from its leaky bucket before execution, refuses with
 * `THROTTLED` (HTTP 429, `Retry-After`) when the bucket cannot pay, and refunds `requested - actual` afterwards.
 * The bucket's state lands in `extensions.cost.budget`. Needs the cost plugin before it; place it last.
 */
export function createBudgetsPlugin(options: BudgetsPluginOptions): ApolloServerPlugin<GatewayContext> {
  const { enabled, capacity, refillPerSecond } = options.config.budgets;
  if (!enabled) return {};
  const store = options.store ?? createBudgetStore(options.config.budgets);
  const now = options.now ?? Date.now;

  return {
    async serverWillStart() {
      return {
        async serverWillStop() {
          await store.close();
        },
      };
    },
    async requestDidStart() {
      let taken = 0;
      return {
        async didResolveOperation(requestContext) {
          const cost = requestContext.contextValue.cost;
          // No estimate, or already refused by the cost plugin: nothing to pay.
          if (!cost || cost.requested > cost.limit) return;
          const key = requestContext.contextValue.client.id;
          let take: Awaited<ReturnType<BudgetStore['take']>>;
          try {
            take = await store.take(key, cost.requested, now());
          } catch (error) {
            options.logger?.warn({ err: error, budgetKey: key }, 'budget store failed; letting the request through');
            return;
          }
          cost.budget = { remaining: Math.floor(take.remaining), capacity, refillPerSecond };
          if (!take.ok) {
            options.metrics?.throttled.inc();
            throw new SwitchyardError(
              'THROTTLED',
              `Your budget holds ${Math.floor(take.remaining)} of the ${cost.requested} cost points this operation needs; retry in ${take.retryAfterSeconds} s.`,
              { retryAfterSeconds: take.retryAfterSeconds },
              { headers: { 'retry-after': String(take.retryAfterSeconds) } },
            );
          }
          taken = cost.requested;
        },
        async willSendResponse(requestContext) {
          const cost = requestContext.contextValue.cost;
          if (!taken || !cost) return;
          // Never executed (the planner or the executor refused it before any data): nothing was used.
          const body = requestContext.response.body;
          const executed = body.kind !== 'single' || body.singleResult.data != null;
          const used = executed ? (cost.actual ?? taken) : 0;
          if (used >= taken) return;
          try {
            const remaining = await store.refund(requestContext.contextValue.client.id, taken - used);
            if (cost.budget) cost.budget.remaining = Math.floor(remaining);
          } catch (error) {
            options.logger?.warn({ err: error }, 'budget refund failed');
          }
        },
      };
    },
  };
}
