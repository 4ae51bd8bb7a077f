import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../../context';
import { type ErrorCode, SwitchyardError } from '../../errors';
import { hasIntrospectionFields } from '../cost/calculateCost';
import { LruCache } from '../cost/lruCache';
import { measureOperation, type OperationShape } from './measureOperation';
import type { LimitsPluginOptions } from './options';

// graphql-js's own error when `parse(…, { maxTokens })` stops (16.15 spells it "more that").
const TOKEN_LIMIT_PARSE_ERROR = /Document contains more tha[nt] \d+ tokens/;

/**
 * Refuses operations over the token, depth, alias or root-field limits before execution, each with its own code
 * and `extensions.limit` / `extensions.measured`, and introspection with `INTROSPECTION_DISABLED` when it is off.
 * The token limit is the parser's: Apollo Server must be given `parseOptions: { maxTokens }`
 * (`limitsParseOptions`), so parsing stops at the limit and validation never runs; this plugin answers that parse
 * error with `TOKEN_LIMIT_EXCEEDED`. Place it first among the policy plugins.
 */
export function createLimitsPlugin(options: LimitsPluginOptions): ApolloServerPlugin<GatewayContext> {
  const { maxTokens, maxDepth, maxAliases, maxRootFields, introspection } = options.config.limits;
  const shapes = new LruCache<string, OperationShape & { introspection: boolean }>(options.cacheSize ?? 1000);

  return {
    async requestDidStart() {
      let tokenError: SwitchyardError | undefined;
      return {
        async parsingDidStart() {
          return async (error) => {
            if (error && TOKEN_LIMIT_PARSE_ERROR.test(error.message)) {
              // The parser stops at the first token over the limit.
              tokenError = limitError('TOKEN_LIMIT_EXCEEDED', 'tokens', maxTokens, maxTokens + 1, 'at least ');
            }
          };
        },
        // Synchronous on purpose: a throw here stops the plugins after this one from running.
        didResolveOperation(requestContext) {
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

/** The `parseOptions` Apollo Server needs for the token limit of `createLimitsPlugin`. */
export function limitsParseOptions(limits: { maxTokens: number }): { maxTokens: number } {
  return { maxTokens: limits.maxTokens };
}
