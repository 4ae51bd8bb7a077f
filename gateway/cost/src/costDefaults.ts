/**
 * The gateway's defaults for pricing, in one place so the registry's cost-regression checks price operations as a
 * gateway with default settings does.
 */
export const CostDefaults = {
  /** Assumed size of a list without `@listSize` or an integer `first`/`last`/`limit` argument (`DEFAULT_LIST_SIZE`). */
  defaultListSize: 5,
  /** Most estimated cost of one operation (`MAX_QUERY_COST`). */
  maxCost: 1000,
} as const;
