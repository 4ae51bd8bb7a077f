import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { GatewayContext, OperationCost } from '../../context';
import { SwitchyardError } from '../../errors';
import { calculateActualCost } from './calculateActualCost';
import { type CostEstimate, createCostCache } from './costCache';
import { buildCostModel, type CostModel } from './costModel';
import { type CostContributor, findCostContributors } from './findCostContributors';
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
 * from the response, and reports both in `extensions.cost` of every response to a valid operation. Introspection
 * fields are priced apart, against `maxIntrospectionCost`. In `measure` mode nothing is refused for its cost.
 * Place it after the limits and authorization plugins and before the budgets plugin.
 */
export function createCostPlugin(options: CostPluginOptions): ApolloServerPlugin<GatewayContext> {
  const { maxCost, defaultListSize, maxIntrospectionCost } = options.config.limits;
  const enforce = options.config.limits.costMode !== 'measure';
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
        ...input(request, request.document, model),
      }),
    };
  };
  const input = (request: EstimateRequest, document: DocumentNode, model: CostModel) => ({
    schema: request.schema,
    model,
    document,
    operationName: request.operationName,
    variables: request.request.variables,
    defaultListSize,
  });
  const costOf = (requested: number, introspection: number | undefined): OperationCost => ({
    requested,
    limit: maxCost,
    ...(introspection ? { introspection: { requested: toRequested(introspection), limit: maxIntrospectionCost } } : {}),
    ...(enforce ? {} : { mode: 'measure' as const }),
  });
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
          const { estimate: found } = result;
          if ('error' in found) {
            if (enforce) throw found.error;
            return Promise.resolve();
          }
          if (found.requested === undefined) return Promise.resolve();
          const requested = toRequested(found.requested);
          const cost = costOf(requested, found.introspection);
          requestContext.contextValue.cost = cost;
          options.metrics?.queryCost.observe(requested);
          if (!enforce) return Promise.resolve();
          if (cost.introspection && cost.introspection.requested > maxIntrospectionCost) {
            throw new SwitchyardError(
              'COST_LIMIT_EXCEEDED',
              `Introspection cost ${cost.introspection.requested} exceeds the introspection limit of ${maxIntrospectionCost}. Select fewer introspection lists (types, fields, args), or fewer copies of them.`,
              { limit: maxIntrospectionCost, measured: cost.introspection.requested, introspection: true },
            );
          }
          if (requested > maxCost && requestContext.document) {
            found.contributors ??= findCostContributors(input(requestContext, requestContext.document, result.model));
            throw new SwitchyardError(
              'COST_LIMIT_EXCEEDED',
              `Operation cost ${requested} exceeds the limit of ${maxCost}. Costliest fields: ${describe(found.contributors)}. Ask for fewer items (smaller first/last/limit) or fewer fields.`,
              { limit: maxCost, measured: requested, topCoordinates: found.contributors },
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
              requestContext.contextValue.cost = costOf(
                toRequested(late.estimate.requested),
                late.estimate.introspection,
              );
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

function describe(contributors: CostContributor[]): string {
  return contributors.map(({ coordinate, cost }) => `${coordinate} (${cost})`).join(', ');
}
