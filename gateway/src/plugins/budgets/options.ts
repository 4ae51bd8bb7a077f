import type { Logger } from 'pino';
import type { GatewayConfig } from '../../config';
import type { GatewayMetrics } from '../../metrics';
import type { BudgetStore } from './budgetStore';

/** Options of `createBudgetsPlugin`. */
export interface BudgetsPluginOptions {
  /**
   * `config.budgets`: `enabled` (default true), `capacity` of each client's bucket (default 1000 points),
   * `refillPerSecond` (default 50), and `redisUrl` (when set, budgets live in Redis and replicas share them;
   * otherwise in memory).
   */
  config: { budgets: GatewayConfig['budgets'] };
  /** `throttled` counts refused requests. Optional. */
  metrics?: Pick<GatewayMetrics, 'throttled'>;
  /** Warns when the store fails; the request is then let through rather than failed. Optional. */
  logger?: Pick<Logger, 'warn'>;
  /** Overrides the store chosen from `config.budgets` (tests, or a custom backend). Closed when the server stops. */
  store?: BudgetStore;
  /** Clock in milliseconds. Default `Date.now`. */
  now?: () => number;
}
