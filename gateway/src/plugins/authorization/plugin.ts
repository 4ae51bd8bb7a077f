import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, type GraphQLFormattedError, getOperationAST, type OperationDefinitionNode } from 'graphql';
import type { GatewayContext, Identity } from '../../context';
import { ErrorCode, SwitchyardError } from '../../errors';
import { isRecord } from '../cost/findLinkedDirectiveNames';
import { LruCache } from '../cost/lruCache';
import { applyUnauthorizedNulls } from './applyUnauthorizedNulls';
import { type AuthorizationModel, buildAuthorizationModel } from './authorizationModel';
import { findUnauthorizedSelections, type UnauthorizedSelection } from './findUnauthorizedSelections';
import type { AuthorizationPluginOptions } from './options';

interface CachedAnalysis {
  unauthorized: UnauthorizedSelection[];
  document: DocumentNode;
  operation: OperationDefinitionNode | undefined;
  /** Hash of the filtered document, so Apollo Gateway caches its query plan apart from the unfiltered one. */
  queryHash: string;
}

/**
 * Enforces the supergraph's `@authenticated` and `@requiresScopes`, which `@apollo/gateway` ignores. In `filter`
 * mode the forbidden selections are removed from the document before the query is planned (so no subgraph sees
 * them) and come back as `null` with an error per path; in `reject` mode the operation is refused.
 * Place it after the limits plugin and before the cost plugin (the cost is then that of what is executed).
 */
export function createAuthorizationPlugin(options: AuthorizationPluginOptions): ApolloServerPlugin<GatewayContext> {
  const mode = options.config.auth.authorizationMode;
  const cache = new LruCache<string, CachedAnalysis>(options.cacheSize ?? 1000);
  let current: { id: string; model: AuthorizationModel } | undefined;
  const modelFor = () => {
    const supergraph = options.getSupergraph();
    if (current?.id !== supergraph.id) {
      current = { id: supergraph.id, model: buildAuthorizationModel(supergraph.sdl) };
      cache.clear();
    }
    return current;
  };

  return {
    async requestDidStart() {
      let analysis: CachedAnalysis | undefined;
      return {
        // Synchronous on purpose: a throw here stops the plugins after this one (cost, budgets) from running.
        didResolveOperation(requestContext) {
          const { id, model } = modelFor();
          if (model.fields.size === 0 && model.types.size === 0) return Promise.resolve();
          const identity = requestContext.contextValue.identity;
          const key = `${id}\u0000${requestContext.queryHash}\u0000${requestContext.operationName ?? ''}\u0000${scopeKey(model, identity)}`;
          analysis = cache.get(key);
          if (!analysis) {
            const found = findUnauthorizedSelections({
              schema: requestContext.schema,
              model,
              document: requestContext.document,
              operationName: requestContext.operationName,
              identity,
            });
            analysis = {
              unauthorized: found.unauthorized,
              document: found.document,
              operation: getOperationAST(found.document, requestContext.operationName) ?? undefined,
              queryHash: found.signature
                ? createHash('sha256')
                    .update(`${requestContext.queryHash}\u0000authz\u0000${found.signature}`)
                    .digest('hex')
                : (requestContext.queryHash ?? ''),
            };
            cache.set(key, analysis);
          }
          const first = analysis.unauthorized[0];
          if (!first) return Promise.resolve();
          if (mode === 'reject') {
            throw new SwitchyardError(
              'UNAUTHORIZED_FIELD_OR_TYPE',
              first.message,
              { coordinate: first.coordinate },
              { path: templatePath(first) },
            );
          }
          Object.assign(requestContext, {
            document: analysis.document,
            operation: analysis.operation,
            queryHash: analysis.queryHash,
          });
          return Promise.resolve();
        },
        willSendResponse(requestContext) {
          const body = requestContext.response.body;
          if (!analysis?.unauthorized.length || body.kind !== 'single') return Promise.resolve();
          const result = body.singleResult;
          if (mode === 'reject') {
            if (result.errors?.some((e) => e.extensions?.code === ErrorCode.UNAUTHORIZED_FIELD_OR_TYPE)) {
              result.errors = analysis.unauthorized.map(toRejectError);
            }
            return Promise.resolve();
          }
          if (!isRecord(result.data)) return Promise.resolve();
          const { data, errors } = applyUnauthorizedNulls(requestContext.schema, result.data, analysis.unauthorized);
          result.data = data;
          result.errors = [...errors, ...(result.errors ?? [])];
          return Promise.resolve();
        },
      };
    },
  };
}

/** The caller's scopes that some requirement mentions: callers differing only in other scopes share analyses. */
function scopeKey(model: AuthorizationModel, identity: Identity | null): string {
  if (!identity) return '-';
  return `+${identity.scopes
    .filter((scope) => model.scopes.has(scope))
    .sort()
    .join(' ')}`;
}

function templatePath(selection: UnauthorizedSelection): string[] {
  return selection.steps.map((step) => step.key);
}

function toRejectError(selection: UnauthorizedSelection): GraphQLFormattedError {
  const path = templatePath(selection);
  return {
    message: selection.message,
    ...(path.length > 0 ? { path } : {}),
    extensions: { code: ErrorCode.UNAUTHORIZED_FIELD_OR_TYPE, coordinate: selection.coordinate },
  };
}
