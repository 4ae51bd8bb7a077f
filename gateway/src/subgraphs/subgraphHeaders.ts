import type { GatewayContext } from '../context';
import { IDENTITY_TOKEN_HEADER, type SubgraphTokenSigner } from './subgraphIdentityToken';

/**
 * Headers the gateway sets on subgraph fetches. Who is calling travels only in `IDENTITY`, a token signed for that
 * subgraph (see `subgraphIdentityToken.ts`); the client name and version are labels for logs, not identity.
 */
export const SubgraphHeader = {
  IDENTITY: IDENTITY_TOKEN_HEADER,
  CLIENT_NAME: 'x-switchyard-client-name',
  CLIENT_VERSION: 'x-switchyard-client-version',
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

function setSafe(headers: Record<string, string>, name: string, value: string): void {
  const safe = safeHeaderValue(value);
  if (safe !== undefined) headers[name] = safe;
}

export interface SubgraphHeaderOptions {
  /** Client headers (lower-case, already passed through `forwardableHeaders`) copied to every subgraph fetch. */
  forwardHeaders: readonly string[];
  /** The subgraph's name: the audience of its identity tokens. */
  name: string;
  /** Signs the caller's identity for the subgraph (`SUBGRAPH_SIGNING_KEY`); without it, subgraphs learn no identity. */
  identitySigner?: SubgraphTokenSigner;
}

/**
 * Headers of a subgraph fetch made for `context` (without `traceparent`, which is per fetch): content type,
 * forwarded client headers, the caller's identity token and the client. `context` is undefined for the gateway's
 * own calls (health checks).
 */
export async function buildSubgraphHeaders(
  context: GatewayContext | undefined,
  options: SubgraphHeaderOptions,
): Promise<Record<string, string>> {
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
    // A JWS is base64url, always a safe header value, whatever the claims inside hold.
    const token = await options.identitySigner?.sign(options.name, context);
    if (token) headers[SubgraphHeader.IDENTITY] = token;
    setSafe(headers, SubgraphHeader.CLIENT_NAME, context.client.name);
    if (context.client.version) setSafe(headers, SubgraphHeader.CLIENT_VERSION, context.client.version);
  }
  return headers;
}
