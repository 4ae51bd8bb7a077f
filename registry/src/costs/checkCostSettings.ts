import { CostDefaults } from '@switchyard/cost-model';

/** How a schema check compares the cost of operations under the served supergraph and the candidate (`CHECK_COST_*`). */
export interface CheckCostSettings {
  /** Rise of an operation's estimated cost, in percent, above which the check reports it as dangerous. Default 50. */
  increasePercent: number;
  /**
   * The gateway's `MAX_QUERY_COST`: an operation the candidate prices over it (and the served supergraph did not) is a
   * breaking change, since the gateway would refuse it. Default 1000, the gateway's own default.
   */
  maxCost: number;
  /** The gateway's `DEFAULT_LIST_SIZE`: the size of a list with no `@listSize` or slicing argument. Default 5, the gateway's. */
  defaultListSize: number;
  /**
   * Most operations a check prices (busiest seen operations first, then persisted documents): each is priced twice
   * on the registry's event loop. Default 500.
   */
  maxOperations: number;
}

/** The defaults `loadConfig` applies: the gateway's own cost defaults, so an unconfigured registry prices as an unconfigured gateway. */
export const defaultCheckCost: CheckCostSettings = {
  increasePercent: 50,
  maxCost: CostDefaults.maxCost,
  defaultListSize: CostDefaults.defaultListSize,
  maxOperations: 500,
};
