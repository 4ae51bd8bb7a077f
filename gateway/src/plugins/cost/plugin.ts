import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../../context';
import { SwitchyardError } from '../../errors';
import { calculateActualCost } from './calculateActualCost';
import { createCostCache } from './costCache';
import { buildCostModel, type CostModel } from './costModel';
import type { CostPluginOptions } from './options';

/**
 * Estimates each operation's cost from the supergraph's `@cost`/`@listSize` weights, refuses it with
 * `COST_LIMIT_EXCEEDED` (or `LIST_SIZE_ARGUMENT_REQUIRED`) before any subgraph is called, measures the actual cost
 * from the response, and reports both in `extensions.cost` of every response that got an estimate.
 * Place it after the limits and authorization plugins and before the budgets plugin.
 */
export function createCostPlugin(options: CostPluginOptions): ApolloServerPlugin<GatewayContext> {
  const { maxCost, defaultListSize } = options.config.limits;
  const cache = createCostCache(options.cacheSize ?? 1000);
  let current: { id: string; model: CostModel } | undefined;
  const modelFor = (): { id: string; model: CostModel } => {
    const supergraph = options.getSupergraph();
    if (current?.id !== supergraph.id) {
      current = { id: supergraph.id, model: buildCostModel(supergraph.sdl) };
      cache.clear();
    }
    return current;
  };

  return {
    async requestDidStart() {
      let model: CostModel | undefined;
      return {
        // Synchronous on purpose: a throw here stops the plugins after this one (budgets) from running.
        didResolveOperation(requestContext) {
          if (!requestContext.queryHash) return Promise.resolve();
          const supergraph = modelFor();
          model = supergraph.model;
          const estimate = cache.estimate({
            supergraphId: supergraph.id,
            documentHash: requestContext.queryHash,
            schema: requestContext.schema,
            model,
            document: requestContext.document,
            operationName: requestContext.operationName,
            variables: requestContext.request.variables,
            defaultListSize,
          });
          if ('error' in estimate) throw estimate.error;
          if (estimate.requested === undefined) return Promise.resolve();
          const requested = Number.isFinite(estimate.requested) ? estimate.requested : Number.MAX_SAFE_INTEGER;
          requestContext.contextValue.cost = { requested, limit: maxCost };
          options.metrics?.queryCost.observe(requested);
          if (requested > maxCost) {
            throw new SwitchyardError(
              'COST_LIMIT_EXCEEDED',
              `Operation cost ${requested} exceeds the limit of ${maxCost}. Ask for fewer items (smaller first/last) or fewer fields.`,
              { limit: maxCost, measured: requested },
            );
          }
          return Promise.resolve();
        },
        willSendResponse(requestContext) {
          const cost = requestContext.contextValue.cost;
          const body = requestContext.response.body;
          if (!cost || body.kind !== 'single') return Promise.resolve();
          const { data } = body.singleResult;
          if (model && data && requestContext.document && cost.actual === undefined) {
            cost.actual = calculateActualCost(requestContext.schema, model, requestContext.document, requestContext.operationName, data);
          }
          body.singleResult.extensions = { ...body.singleResult.extensions, cost };
          return Promise.resolve();
        },
      };
    },
  };
}
