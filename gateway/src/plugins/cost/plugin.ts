import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { GatewayContext } from '../../context';
import { SwitchyardError } from '../../errors';
import { calculateActualCost } from './calculateActualCost';
import { type CostEstimate, createCostCache } from './costCache';
import { buildCostModel, type CostModel } from './costModel';
import type { CostPluginOptions } from './options';

/** The parts of Apollo's request context an estimate reads. */
interface EstimateRequest {
  queryHash?: string;
  schema: GraphQLSchema;
  document?: DocumentNode;
  operationName?: string | null;
  request: { variables?: Record<string, unknown> };
}

/**
 * Estimates each operation's cost from the supergraph's `@cost`/`@listSize` weights, refuses it with
 * `COST_LIMIT_EXCEEDED` (or `LIST_SIZE_ARGUMENT_REQUIRED`) before any subgraph is called, measures the actual cost
 * from the response, and reports both in `extensions.cost` of every response to a valid operation.
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
  const estimate = (request: EstimateRequest): { model: CostModel; estimate: CostEstimate } | undefined => {
    if (!request.document || !request.queryHash) return undefined;
    const { id, model } = modelFor();
    return {
      model,
      estimate: cache.estimate({
        supergraphId: id,
        documentHash: request.queryHash,
        schema: request.schema,
        model,
        document: request.document,
        operationName: request.operationName,
        variables: request.request.variables,
        defaultListSize,
      }),
    };
  };
  const toRequested = (requested: number) => (Number.isFinite(requested) ? requested : Number.MAX_SAFE_INTEGER);

  return {
    async requestDidStart() {
      let model: CostModel | undefined;
      return {
        // Synchronous on purpose: a throw here stops the plugins after this one (budgets) from running.
        didResolveOperation(requestContext) {
          const result = estimate(requestContext);
          if (!result) return Promise.resolve();
          model = result.model;
          if ('error' in result.estimate) throw result.estimate.error;
          if (result.estimate.requested === undefined) return Promise.resolve();
          const requested = toRequested(result.estimate.requested);
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
          const body = requestContext.response.body;
          if (body.kind !== 'single') return Promise.resolve();
          const { singleResult } = body;
          // Refused before the estimate (depth, aliases, authorization): estimate now so the client still sees it.
          const refusedForTokens = singleResult.errors?.some((e) => e.extensions?.code === 'TOKEN_LIMIT_EXCEEDED');
          if (!requestContext.contextValue.cost && requestContext.operation && !refusedForTokens) {
            const late = estimate(requestContext);
            if (late && 'requested' in late.estimate && late.estimate.requested !== undefined) {
              requestContext.contextValue.cost = { requested: toRequested(late.estimate.requested), limit: maxCost };
            }
          }
          const cost = requestContext.contextValue.cost;
          if (!cost) return Promise.resolve();
          if (model && singleResult.data && requestContext.document && cost.actual === undefined) {
            cost.actual = calculateActualCost(
              requestContext.schema,
              model,
              requestContext.document,
              requestContext.operationName,
              singleResult.data,
            );
          }
          singleResult.extensions = { ...singleResult.extensions, cost };
          return Promise.resolve();
        },
      };
    },
  };
}
