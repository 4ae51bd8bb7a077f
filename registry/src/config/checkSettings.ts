import { z } from 'zod';
import { defaultCheckCost } from '../costs/checkCostSettings';
import type { CheckUsageDefaults } from '../publishing/usageAwareChecks';
import { duration, flag } from './settingTypes';

/** Defaults of usage-aware and cost-aware schema checks (`CHECK_*`), which a check's input may override. */
export const checkEnv = z.object({
  /** How far back a schema check looks for usage of what a breaking change affects (`24h`, `7d`, `30d`). Default `7d`. */
  CHECK_USAGE_WINDOW: duration('must be a duration like 24h, 7d or 30d').default('7d'),
  /** Requests in the check window from which a breaking change blocks a check. Default 1 (any use blocks). */
  CHECK_USAGE_MIN_REQUESTS: z.coerce.number().int().nonnegative().default(1),
  /**
   * Share of the variant's requests in the check window (percent, 0–100) a breaking change's affected coordinates
   * must also reach to block. Default 0 (the request count alone decides).
   */
  CHECK_USAGE_MIN_PERCENT: z.coerce.number().min(0).max(100).default(0),
  /**
   * Let a check's breaking changes through when the variant received no usage at all in the window. Default false:
   * without usage nothing shows a change is safe, so breaking changes block (`--allow-no-usage` per check).
   */
  CHECK_ALLOW_NO_USAGE: flag(),
  /** Rise of an operation's estimated cost (percent) from which a check reports it as dangerous. Default 50. */
  CHECK_COST_INCREASE_PERCENT: z.coerce.number().nonnegative().default(defaultCheckCost.increasePercent),
  /**
   * The gateways' MAX_QUERY_COST: an operation a candidate prices over it fails the check. Default 1000, the gateway's
   * own default; set both together.
   */
  CHECK_COST_MAX_COST: z.coerce.number().int().positive().default(defaultCheckCost.maxCost),
  /** The gateways' DEFAULT_LIST_SIZE, to price lists as they do. Default 5, the gateway's own default. */
  CHECK_COST_DEFAULT_LIST_SIZE: z.coerce.number().int().positive().default(defaultCheckCost.defaultListSize),
  /** Most operations (seen, then persisted) one check prices under both supergraphs. Default 500. */
  CHECK_COST_MAX_OPERATIONS: z.coerce.number().int().nonnegative().max(100_000).default(defaultCheckCost.maxOperations),
});

export function toCheckDefaults(parsed: z.output<typeof checkEnv>): CheckUsageDefaults {
  return {
    usageWindow: parsed.CHECK_USAGE_WINDOW,
    minRequests: parsed.CHECK_USAGE_MIN_REQUESTS,
    minPercent: parsed.CHECK_USAGE_MIN_PERCENT,
    allowNoUsage: parsed.CHECK_ALLOW_NO_USAGE,
    cost: {
      increasePercent: parsed.CHECK_COST_INCREASE_PERCENT,
      maxCost: parsed.CHECK_COST_MAX_COST,
      defaultListSize: parsed.CHECK_COST_DEFAULT_LIST_SIZE,
      maxOperations: parsed.CHECK_COST_MAX_OPERATIONS,
    },
  };
}
