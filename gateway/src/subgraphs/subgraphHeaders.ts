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

// A header value may carry visible ASCII, space and tab only: CR/LF would split headers, other control bytes and
// non-ASCII are refused by undici (a failed fetch the client could trigger at will).
const UNSAFE_HEADER_VALUE = /[^\t\x20-\x7e]/;

/** `value` when it is safe in an HTTP header, else `undefined` (the header is left out). */
export function safeHeaderValue(value: string): string | undefined {
  return UNSAFE_HEADER_VALUE.test(value) ? undefined : value;
}

/** JSON of `value` with every non-ASCII or control character `\u`-escaped, so it is always a safe header value. */
export function headerSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[^\x20-\x7e]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function setSafe(headers: Record<string, string>, name: string, value: string): void {
  const safe = safeHeaderValue(value);
  if (safe !== undefined) headers[name] = safe;
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
      if (value !== undefined) setSafe(headers, name, value);
    }
    // Subgraph logs join the gateway's by request id even when the client sent none.
    if (headers['x-request-id'] === undefined && options.forwardHeaders.includes('x-request-id')) {
      headers['x-request-id'] = context.requestId;
    }
    const identity = context.identity;
    if (identity) {
      setSafe(headers, SubgraphHeader.SUBJECT, identity.subject);
      setSafe(headers, SubgraphHeader.SCOPES, identity.scopes.filter((scope) => safeHeaderValue(scope)).join(' '));
      headers[SubgraphHeader.CLAIMS] = headerSafeJson(identity.claims);
    }
    setSafe(headers, SubgraphHeader.CLIENT_NAME, context.client.name);
    if (context.client.version) setSafe(headers, SubgraphHeader.CLIENT_VERSION, context.client.version);
  }
  if (options.secret) headers[SubgraphHeader.GATEWAY_SECRET] = options.secret;
  return headers;
}
