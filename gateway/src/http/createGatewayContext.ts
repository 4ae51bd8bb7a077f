import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ClientInfo, GatewayContext, Identity } from '../context';

/** Resolves the caller from request headers; provided by `auth/` (`createAuthenticator(config.auth)`). */
export interface Authenticator {
  /** The caller, `null` when anonymous; throws `SwitchyardError('UNAUTHENTICATED')` for bad credentials. */
  authenticate(headers: Record<string, string>): Promise<Identity | null>;
}

export interface GatewayContextInput {
  /** Request headers, lower-cased. */
  headers: Record<string, string>;
  logger: Logger;
  authenticator?: Authenticator;
  /** The request's trace: W3C `traceparent` (incoming, or started by the gateway) and its trace id. */
  traceparent: string;
  traceId: string;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Who is calling, for budgets and usage: the identity's client or subject first, then the Apollo client headers. */
export function clientInfoOf(headers: Record<string, string>, identity: Identity | null): ClientInfo {
  const headerName = headers['apollographql-client-name'];
  const name = identity?.clientName ?? headerName ?? 'anonymous';
  return {
    id: identity ? (identity.clientName ?? identity.subject) : (headerName ?? 'anonymous'),
    name,
    version: headers['apollographql-client-version'] ?? '',
  };
}

/**
 * Builds the per-request `GatewayContext`: request id (the caller's `x-request-id` when well-formed), a child
 * logger carrying request and trace ids, the authenticated identity, and the client.
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
    client: clientInfoOf(headers, identity),
    traceparent: input.traceparent,
    headers,
  };
}
