import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { GatewayContext } from '../context';

/**
 * Records the operation the client sent in `contextValue.sent`, frozen, before any policy can rewrite it. It must
 * be the first plugin: Apollo calls `didResolveOperation` of every plugin in order, and the synchronous part of
 * each runs before the next starts, so this one sees the document as parsed from the client's request.
 */
export function captureClientOperation(): ApolloServerPlugin<GatewayContext> {
  // One listener for all requests: it keeps no per-request state.
  const listener: GraphQLRequestListener<GatewayContext> = {
    didResolveOperation({ document, queryHash, operationName, operation, contextValue }) {
      contextValue.sent ??= Object.freeze({
        document,
        queryHash,
        operationName,
        type: operation?.operation ?? 'query',
      });
      return Promise.resolve();
    },
  };
  return {
    async requestDidStart() {
      return listener;
    },
  };
}
