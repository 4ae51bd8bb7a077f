import type { GraphQLFormattedError } from 'graphql';
import type { GatewayMetrics } from '../metrics';

/** Outcome of one GraphQL request as counted in `switchyard_requests_total`. */
export const RequestOutcome = { SUCCESS: 'success', PARTIAL: 'partial', ERROR: 'error' } as const;
export type RequestOutcome = (typeof RequestOutcome)[keyof typeof RequestOutcome];

/** The outcome of a final result: success without errors, partial with data and errors, error without data. */
export function requestOutcome(
  result: { data?: unknown; errors?: readonly GraphQLFormattedError[] } | undefined,
): RequestOutcome {
  if (!result?.errors?.length) return RequestOutcome.SUCCESS;
  return result.data ? RequestOutcome.PARTIAL : RequestOutcome.ERROR;
}

/** Counts one finished GraphQL request by operation type and outcome. */
export function countRequest(
  metrics: Pick<GatewayMetrics, 'requests'>,
  operationType: string | undefined,
  result: { data?: unknown; errors?: readonly GraphQLFormattedError[] } | undefined,
): void {
  metrics.requests.inc({ operation_type: operationType ?? 'unknown', outcome: requestOutcome(result) });
}
