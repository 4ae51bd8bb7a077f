import type { ApolloServerPlugin } from '@apollo/server';
import { parse } from 'graphql';
import type { GatewayContext } from '../../context';
import { type ErrorCode, SwitchyardError } from '../../errors';
import { hasIntrospectionFields } from '../cost/calculateCost';
import { LruCache } from '../cost/lruCache';
import { countTokens } from './countTokens';
import { measureOperation, type OperationShape } from './measureOperation';
import type { LimitsPluginOptions } from './options';

// Stands in for an oversized document so Apollo skips parsing it (when its document cache misses, it parses
// anyway; the token error then replaces the parse or validation errors in `willSendResponse`).
const PLACEHOLDER_DOCUMENT = parse('{ __typename }');

/**
 * Refuses operations over the token, depth, alias or root-field limits before execution, each with its own code
 * and `extensions.limit` / `extensions.measured`, and introspection with `INTROSPECTION_DISABLED` when it is off. Tokens are counted before parsing and the count stops at the
 * limit. Place it first among the policy plugins.
 */
export function createLimitsPlugin(options: LimitsPluginOptions): ApolloServerPlugin<GatewayContext> {
  const { maxTokens, maxDepth, maxAliases, maxRootFields, introspection } = options.config.limits;
  const shapes = new LruCache<string, OperationShape & { introspection: boolean }>(options.cacheSize ?? 1000);

  return {
    async requestDidStart() {
      let tokenError: SwitchyardError | undefined;
      return {
        async didResolveSource(requestContext) {
          const tokens = countTokens(requestContext.source, maxTokens);
          if (tokens <= maxTokens) return;
          tokenError = limitError('TOKEN_LIMIT_EXCEEDED', 'tokens', maxTokens, tokens, 'at least ');
          Object.assign(requestContext, { document: PLACEHOLDER_DOCUMENT });
        },
        // Synchronous on purpose: a throw here stops the plugins after this one from running.
        didResolveOperation(requestContext) {
          if (tokenError) throw tokenError;
          const key = `${requestContext.queryHash}\u0000${requestContext.operationName ?? ''}`;
          let shape = shapes.get(key);
          if (!shape) {
            shape = {
              ...measureOperation(requestContext.document, requestContext.operationName),
              introspection: hasIntrospectionFields(requestContext.document),
            };
            shapes.set(key, shape);
          }
          if (!introspection && shape.introspection) {
            throw new SwitchyardError(
              'INTROSPECTION_DISABLED',
              'Introspection (__schema, __type) is disabled on this gateway; only __typename may be queried.',
            );
          }
          if (shape.rootFields > maxRootFields)
            throw limitError('ROOT_FIELD_LIMIT_EXCEEDED', 'root fields', maxRootFields, shape.rootFields);
          if (shape.depth > maxDepth) throw limitError('DEPTH_LIMIT_EXCEEDED', 'levels deep', maxDepth, shape.depth);
          if (shape.aliases > maxAliases)
            throw limitError('ALIAS_LIMIT_EXCEEDED', 'aliases', maxAliases, shape.aliases);
          return Promise.resolve();
        },
        async willSendResponse(requestContext) {
          const body = requestContext.response.body;
          if (!tokenError || body.kind !== 'single') return;
          if (body.singleResult.errors?.some((error) => error.extensions?.code === 'TOKEN_LIMIT_EXCEEDED')) return;
          body.singleResult.errors = [
            {
              message: tokenError.message,
              extensions: { code: tokenError.code, limit: maxTokens, measured: tokenError.extensions.measured },
            },
          ];
          requestContext.response.http.status = 400;
        },
      };
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
