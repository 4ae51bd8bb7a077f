import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { GatewayConfig } from '../../config';
import type { OperationCost } from '../../context';
import { SwitchyardError } from '../../errors';
import type { GatewayMetrics } from '../../metrics';
import type { SupergraphModel } from '../../supergraph/supergraphModel';
import { calculateActualCost } from './calculateActualCost';
import { createCostCache } from './costCache';
import { type CostContributor, findCostContributors } from './findCostContributors';

/** The limits of the cost step, from `config.limits` (see the README's settings table). */
export type CostLimits = Pick<
  GatewayConfig['limits'],
  'maxCost' | 'defaultListSize' | 'costMode' | 'maxIntrospectionCost'
>;

/** What an estimate reads: the document that will run (after authorization) under the served model. */
export interface CostRequest {
  schema: GraphQLSchema;
  model: SupergraphModel;
  document: DocumentNode;
  /** Hash of `document`; with the model's id and the size-changing variables it keys the cache. */
  queryHash: string;
  operationName: string | null | undefined;
  variables: Record<string, unknown> | undefined;
}

/** The estimate of an operation and, in `enforce` mode, why it is refused. */
export interface CostDecision {
  /** Undefined when the operation cannot be priced (`LIST_SIZE_ARGUMENT_REQUIRED`, no operation). */
  cost: OperationCost | undefined;
  refusal: SwitchyardError | undefined;
}

/**
 * The cost step: estimates each operation from the supergraph's `@cost`/`@listSize` weights (lists without them
 * sized by `first`/`last`/`limit` or `defaultListSize`), refuses it over `maxCost` with the costliest coordinates,
 * prices introspection apart against `maxIntrospectionCost`, and measures the actual cost from the response. In
 * `measure` mode nothing is refused.
 */
export interface CostStep {
  decide(request: CostRequest): CostDecision;
  /**
   * The actual cost of `data` (lists at their returned length); deletes `stripKey` from every object it walks, so
   * a caller that must remove a key everywhere (authorization's placeholders) walks the response once.
   */
  actual(request: Omit<CostRequest, 'queryHash' | 'variables'>, data: unknown, stripKey?: string): number;
}

export function createCostStep(
  limits: CostLimits,
  metrics?: Pick<GatewayMetrics, 'queryCost'>,
  /** Estimated bytes of estimates kept (`OPERATION_CACHE_BYTES`' share); default 4 MiB. */
  cacheBytes = 4 * 1024 * 1024,
): CostStep {
  const { maxCost, defaultListSize, maxIntrospectionCost } = limits;
  const enforce = limits.costMode !== 'measure';
  const cache = createCostCache(cacheBytes);
  let cachedFor: string | undefined;
  const toRequested = (requested: number) => (Number.isFinite(requested) ? requested : Number.MAX_SAFE_INTEGER);
  const inputOf = (request: CostRequest) => ({
    schema: request.schema,
    model: request.model.cost,
    document: request.document,
    operationName: request.operationName,
    variables: request.variables,
    defaultListSize,
  });

  return {
    decide(request) {
      if (cachedFor !== request.model.id) {
        cache.clear();
        cachedFor = request.model.id;
      }
      const found = cache.estimate({
        supergraphId: request.model.id,
        documentHash: request.queryHash,
        ...inputOf(request),
      });
      if ('error' in found) return { cost: undefined, refusal: enforce ? found.error : undefined };
      if (found.requested === undefined) return { cost: undefined, refusal: undefined };
      const requested = toRequested(found.requested);
      const cost: OperationCost = {
        requested,
        limit: maxCost,
        ...(found.introspection
          ? { introspection: { requested: toRequested(found.introspection), limit: maxIntrospectionCost } }
          : {}),
        ...(enforce ? {} : { mode: 'measure' as const }),
      };
      metrics?.queryCost.observe(requested);
      if (!enforce) return { cost, refusal: undefined };
      if (cost.introspection && cost.introspection.requested > maxIntrospectionCost) {
        return {
          cost,
          refusal: new SwitchyardError(
            'COST_LIMIT_EXCEEDED',
            `Introspection cost ${cost.introspection.requested} exceeds the introspection limit of ${maxIntrospectionCost}. Select fewer introspection lists (types, fields, args), or fewer copies of them.`,
            { limit: maxIntrospectionCost, measured: cost.introspection.requested, introspection: true },
          ),
        };
      }
      if (requested > maxCost) {
        found.contributors ??= findCostContributors(inputOf(request));
        return {
          cost,
          refusal: new SwitchyardError(
            'COST_LIMIT_EXCEEDED',
            `Operation cost ${requested} exceeds the limit of ${maxCost}. Costliest fields: ${describe(found.contributors)}. Ask for fewer items (smaller first/last/limit) or fewer fields.`,
            { limit: maxCost, measured: requested, topCoordinates: found.contributors },
          ),
        };
      }
      return { cost, refusal: undefined };
    },
    actual(request, data, stripKey) {
      return calculateActualCost(
        request.schema,
        request.model.cost,
        request.document,
        request.operationName,
        data,
        stripKey,
      );
    },
  };
}

function describe(contributors: CostContributor[]): string {
  return contributors.map(({ coordinate, cost }) => `${coordinate} (${cost})`).join(', ');
}
