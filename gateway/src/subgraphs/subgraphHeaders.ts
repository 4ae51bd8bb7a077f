import type { GatewayContext } from '../context';

/** Headers through which subgraphs learn who is calling (read by `@switchyard/subgraph-kit`'s `readCallerIdentity`). */
export const SubgraphHeader = {
  SUBJECT: 'x-switchyard-subject',
  SCOPES: 'x-switchyard-scopes',
  CLAIMS: 'x-switchyard-claims',
  CLIENT_NAME: 'x-switchyard-client-name',
  CLIENT_VERSION: 'x-switchyard-client-version',
  GATEWAY_SECRET: 'x-switchyard-gateway-secret',
  TRACEPARENT: 'traceparent',
} as const;
export type SubgraphHeader = (typeof SubgraphHeader)[keyof typeof SubgraphHeader];

// Headers a client must never set on a subgraph call, whatever FORWARD_HEADERS says: the gateway's own identity
// and trace headers (a client could otherwise claim any subject), and the ones that frame the HTTP exchange.
const NEVER_FORWARDED =
  /^(x-switchyard-|traceparent$|tracestate$|host$|connection$|content-|transfer-encoding$|keep-alive$|upgrade$|te$|trailer$|accept$|expect$)/;

/** The configured forwarded headers minus those a client may never set on a subgraph call. */
export function forwardableHeaders(names: readonly string[]): string[] {
  return names.map((name) => name.toLowerCase()).filter((name) => !NEVER_FORWARDED.test(name));
}

export interface SubgraphHeaderOptions {
  /** Client headers (lower-case, already passed through `forwardableHeaders`) copied to every subgraph fetch. */
  forwardHeaders: readonly string[];
  /** Shared secret proving to subgraphs that the call comes from the gateway. */
  secret?: string;
}

/**
 * Headers of a subgraph fetch made for `context` (without `traceparent`, which is per fetch): content type,
 * forwarded client headers, the caller's identity and client, and the gateway secret. `context` is undefined for
 * the gateway's own calls (health checks).
 */
export function buildSubgraphHeaders(
  context: GatewayContext | undefined,
  options: SubgraphHeaderOptions,
): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
  };
  if (context) {
    for (const name of options.forwardHeaders) {
      const value = context.headers[name];
      if (value !== undefined) headers[name] = value;
    }
    // Subgraph logs join the gateway's by request id even when the client sent none.
    if (headers['x-request-id'] === undefined && options.forwardHeaders.includes('x-request-id')) {
      headers['x-request-id'] = context.requestId;
    }
    const identity = context.identity;
    if (identity) {
      headers[SubgraphHeader.SUBJECT] = identity.subject;
      headers[SubgraphHeader.SCOPES] = identity.scopes.join(' ');
      headers[SubgraphHeader.CLAIMS] = JSON.stringify(identity.claims);
    }
    headers[SubgraphHeader.CLIENT_NAME] = context.client.name;
    if (context.client.version) headers[SubgraphHeader.CLIENT_VERSION] = context.client.version;
  }
  if (options.secret) headers[SubgraphHeader.GATEWAY_SECRET] = options.secret;
  return headers;
}
