import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { type Authenticator, resolveClient } from '../auth';
import type { GatewayContext } from '../context';

export interface GatewayContextInput {
  /** Request headers, lower-cased. */
  headers: Record<string, string>;
  logger: Logger;
  authenticator?: Authenticator;
  /** The request's trace: W3C `traceparent` (incoming, or started by the gateway) and its trace id. */
  traceparent: string;
  traceId: string;
  /** The caller's address (`auth/callerAddress`): its budget key when it sends no credentials. */
  address: string;
  /** The persisted document the request names (`documentId`), if any. */
  documentId?: string;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * Builds the per-request `GatewayContext`: request id (the caller's `x-request-id` when well-formed), a child
 * logger carrying request and trace ids, the authenticated identity, and the client (`auth/resolveClient`).
 */
export async function createGatewayContext(input: GatewayContextInput): Promise<GatewayContext> {
  const { headers } = input;
  const given = headers['x-request-id'];
  const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
  const identity = input.authenticator ? await input.authenticator.authenticate(headers) : null;
  return {
    requestId,
    logger: input.logger.child({ requestId, traceId: input.traceId }),
    identity,
    client: resolveClient(headers, identity, input.address),
    traceparent: input.traceparent,
    headers,
    ...(input.documentId === undefined ? {} : { documentId: input.documentId }),
  };
}
