import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config';
import type { GatewayContext } from '../context';
import type { GatewayMetrics } from '../metrics';
import type { SupergraphUpdate } from '../supergraph/source';
import { createAuthorizationPlugin } from './authorization';
import { type BudgetStore, createBudgetsPlugin } from './budgets';
import { captureClientOperation } from './captureClientOperation';
import { checkOperationSelection } from './checkOperationSelection';
import { createCostPlugin } from './cost';
import { createLimitsPlugin } from './limits';

/** What the policy plugins need from the gateway. */
export interface PolicyPluginOptions {
  config: GatewayConfig;
  metrics: GatewayMetrics;
  logger: Logger;
  /** The current supergraph (changes on hot reload); policies rebuild their models when its `id` changes. */
  getSupergraph: () => SupergraphUpdate;
  /** Overrides the budget store chosen from `config.budgets`. */
  budgetStore?: BudgetStore;
}

/**
 * The policy plugins in the order they must run, after `captureClientOperation` has kept what the client sent
 * and `checkOperationSelection` has refused an operation that cannot be selected or served: limits (cheapest
 * refusals first), authorization (rewrites the document), cost (of what will run), budgets (pays for it). Their
 * `didResolveOperation` hooks throw synchronously, so a refusal stops the plugins after it; the identity and
 * client must be in the context (see `auth/`).
 */
export function createPolicyPlugins(options: PolicyPluginOptions): ApolloServerPlugin<GatewayContext>[] {
  const { config, metrics, logger, getSupergraph } = options;
  return [
    captureClientOperation(),
    checkOperationSelection(),
    createLimitsPlugin({ config }),
    createAuthorizationPlugin({ config, getSupergraph }),
    createCostPlugin({ config, getSupergraph, metrics }),
    createBudgetsPlugin({ config, metrics, logger, store: options.budgetStore }),
  ];
}

export { prepareSupergraphForGateway } from './authorization';
export type { BudgetStore } from './budgets';
