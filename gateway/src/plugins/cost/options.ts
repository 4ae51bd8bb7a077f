import type { GatewayConfig } from '../../config';
import type { GatewayMetrics } from '../../metrics';
import type { SupergraphUpdate } from '../../supergraph/source';

/** Options of `createCostPlugin`. */
export interface CostPluginOptions {
  /**
   * `config.limits.maxCost`: operations estimated above it are refused with `COST_LIMIT_EXCEEDED` before any
   * subgraph is called (default 1000); `config.limits.defaultListSize`: size assumed for a list without a slicing
   * argument or `@listSize(assumedSize:)` (default 10).
   */
  config: { limits: Pick<GatewayConfig['limits'], 'maxCost' | 'defaultListSize'> };
  /** The current supergraph; its `@cost`/`@listSize` give the weights, and its `id` keys every cache. */
  getSupergraph: () => SupergraphUpdate;
  /** `queryCost` observes every estimated cost. Optional. */
  metrics?: Pick<GatewayMetrics, 'queryCost'>;
  /** Operations (document and operation name) whose cost analysis is kept. Default 1000. */
  cacheSize?: number;
}

/** Cost variants kept per operation, one per distinct value of its size-affecting variables. */
export const COST_VARIANTS_PER_OPERATION = 64;
