import { hasIntrospectionFields } from '@switchyard/cost-model';
import type { GatewayConfig } from '../../config';
import type { ClientOperation } from '../../context';
import { type ErrorCode, SwitchyardError } from '../../errors';
import { LruCache } from '../cost/lruCache';
import { measureOperation, type OperationShape } from './measureOperation';

// graphql-js's own error when `parse(…, { maxTokens })` stops (16.15 spells it "more that").
const TOKEN_LIMIT_PARSE_ERROR = /Document contains more tha[nt] \d+ tokens/;

/** The limits each operation is held to, from `config.limits` (see the README's settings table). */
export type Limits = Pick<
  GatewayConfig['limits'],
  'maxTokens' | 'maxDepth' | 'maxAliases' | 'maxRootFields' | 'introspection'
>;

/** The first step of the pipeline: the cheapest refusals, on the document as the client sent it. */
export interface LimitsStep {
  /**
   * `TOKEN_LIMIT_EXCEEDED` when a parse error is the parser stopping at `maxTokens` (Apollo Server must be given
   * `limitsParseOptions`, so an oversized document is never parsed in full nor validated); otherwise undefined.
   */
  tokenLimitError(parseError: Error): SwitchyardError | undefined;
  /** Introspection when it is off, then root fields, depth and aliases over their limits; undefined when within. */
  check(sent: ClientOperation): SwitchyardError | undefined;
}

/** `cacheBytes`: estimated bytes of operation shapes kept (`OPERATION_CACHE_BYTES`' share); default 4 MiB. */
export function createLimitsStep(limits: Limits, cacheBytes = 4 * 1024 * 1024): LimitsStep {
  const { maxTokens, maxDepth, maxAliases, maxRootFields, introspection } = limits;
  const shapes = new LruCache<string, OperationShape & { introspection: boolean }>(cacheBytes);
  return {
    tokenLimitError(parseError) {
      if (!TOKEN_LIMIT_PARSE_ERROR.test(parseError.message)) return undefined;
      // The parser stops at the first token over the limit.
      return limitError('TOKEN_LIMIT_EXCEEDED', 'tokens', maxTokens, maxTokens + 1, 'at least ');
    },
    check(sent) {
      const key = `${sent.queryHash}\u0000${sent.operationName ?? ''}`;
      let shape = shapes.get(key);
      if (!shape) {
        shape = {
          ...measureOperation(sent.document, sent.operationName),
          introspection: hasIntrospectionFields(sent.document),
        };
        shapes.set(key, shape);
      }
      if (!introspection && shape.introspection) {
        return new SwitchyardError(
          'INTROSPECTION_DISABLED',
          'Introspection (__schema, __type) is disabled on this gateway; only __typename may be queried.',
        );
      }
      if (shape.rootFields > maxRootFields) {
        return limitError('ROOT_FIELD_LIMIT_EXCEEDED', 'root fields', maxRootFields, shape.rootFields);
      }
      if (shape.depth > maxDepth) return limitError('DEPTH_LIMIT_EXCEEDED', 'levels deep', maxDepth, shape.depth);
      if (shape.aliases > maxAliases) return limitError('ALIAS_LIMIT_EXCEEDED', 'aliases', maxAliases, shape.aliases);
      return undefined;
    },
  };
}

function limitError(code: ErrorCode, unit: string, limit: number, measured: number, qualifier = ''): SwitchyardError {
  const subject =
    unit === 'levels deep'
      ? `Operation is ${qualifier}${measured} levels deep`
      : `Operation has ${qualifier}${measured} ${unit}`;
  return new SwitchyardError(code, `${subject}; the limit is ${limit}.`, { limit, measured });
}

/** The `parseOptions` Apollo Server needs for the token limit. */
export function limitsParseOptions(limits: { maxTokens: number }): { maxTokens: number } {
  return { maxTokens: limits.maxTokens };
}
