import type { GatewayConfig } from '../../config';
import type { GatewayMetrics } from '../../metrics';
import type { SupergraphUpdate } from '../../supergraph/source';

/** Options of `createCostPlugin`. */
export interface CostPluginOptions {
  /**
   * `config.limits`:
   * - `maxCost` (default 1000): operations estimated above it are refused with `COST_LIMIT_EXCEEDED` (naming the
   *   costliest coordinates in `extensions.topCoordinates`) before any subgraph is called;
   * - `defaultListSize` (default 5): size assumed for a list without `@listSize` and without an integer
   *   `first`/`last`/`limit` argument;
   * - `costMode` (default `enforce`): `measure` reports the cost (`extensions.cost.mode: "measure"`) and refuses
   *   nothing;
   * - `maxIntrospectionCost` (default 5000): limit of the introspection fields' own cost (`extensions.cost.introspection`),
   *   which is not part of `requested` and is not charged to budgets.
   */
  config: {
    limits: Pick<GatewayConfig['limits'], 'maxCost' | 'defaultListSize' | 'costMode' | 'maxIntrospectionCost'>;
  };
  /** The current supergraph; its `@cost`/`@listSize` give the weights, and its `id` keys every cache. */
  getSupergraph: () => SupergraphUpdate;
  /** `queryCost` observes every estimated cost. Optional. */
  metrics?: Pick<GatewayMetrics, 'queryCost'>;
  /** Operations (document and operation name) whose cost analysis is kept. Default 1000. */
  cacheSize?: number;
}

/** Cost variants kept per operation, one per distinct value of its size-affecting variables. */
export const COST_VARIANTS_PER_OPERATION = 64;
