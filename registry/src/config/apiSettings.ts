import { z } from 'zod';
import type { ApiLimits } from '../api/limits/checkApiLimits';

/** Limits on one GraphQL API operation (`API_*`). */
export const apiEnv = z.object({
  /** Most lexer tokens in one GraphQL API document. Default 5000. */
  API_MAX_TOKENS: z.coerce.number().int().positive().default(5000),
  /** Deepest field nesting of one GraphQL API operation. Default 12. */
  API_MAX_DEPTH: z.coerce.number().int().positive().default(12),
  /** Most aliases in one GraphQL API operation. Default 30. */
  API_MAX_ALIASES: z.coerce.number().int().nonnegative().default(30),
  /** Most root fields in one GraphQL API operation. Default 20. */
  API_MAX_ROOT_FIELDS: z.coerce.number().int().positive().default(20),
  /** Most fields one GraphQL API operation resolves, fragments expanded. Default 2000. */
  API_MAX_COST: z.coerce.number().int().positive().default(2000),
});

export function toApiLimits(parsed: z.output<typeof apiEnv>): ApiLimits {
  return {
    maxTokens: parsed.API_MAX_TOKENS,
    maxDepth: parsed.API_MAX_DEPTH,
    maxAliases: parsed.API_MAX_ALIASES,
    maxRootFields: parsed.API_MAX_ROOT_FIELDS,
    maxCost: parsed.API_MAX_COST,
  };
}
