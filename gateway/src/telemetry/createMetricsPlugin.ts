import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { GatewayContext } from '../context';
import type { GatewayMetrics } from '../metrics';

/** Outcome of one GraphQL request as counted in `switchyard_requests_total`. */
export const RequestOutcome = { SUCCESS: 'success', PARTIAL: 'partial', ERROR: 'error' } as const;
export type RequestOutcome = (typeof RequestOutcome)[keyof typeof RequestOutcome];

/**
 * Counts every operation that reached Apollo's request pipeline by operation type and outcome, and records it in
 * `counted` so the HTTP layer counts the others (refused before parsing, failed authentication) exactly once.
 */
export function createMetricsPlugin(
  metrics: GatewayMetrics,
  counted: WeakSet<GatewayContext>,
): ApolloServerPlugin<GatewayContext> {
  // One listener object for all requests: it keeps no per-request state.
  const listener: GraphQLRequestListener<GatewayContext> = {
    async willSendResponse({ operation, response, contextValue }) {
      counted.add(contextValue);
      const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
      const outcome: RequestOutcome = !result?.errors?.length
        ? RequestOutcome.SUCCESS
        : result.data
          ? RequestOutcome.PARTIAL
          : RequestOutcome.ERROR;
      metrics.requests.inc({ operation_type: operation?.operation ?? 'unknown', outcome });
    },
  };
  return {
    async requestDidStart() {
      return listener;
    },
  };
}
