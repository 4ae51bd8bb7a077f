/**
 * The header carrying the identity token (a JWS, `EdDSA` or `ES256`) the gateway signs for each subgraph fetch,
 * or another subgraph signs for the calls it makes with its own credential.
 */
export const IDENTITY_TOKEN_HEADER = 'x-switchyard-identity';

/** `iss` of the tokens the gateway signs; every other trusted issuer is a service named in `SUBGRAPH_SERVICE_KEYS`. */
export const GATEWAY_ISSUER = 'switchyard-gateway';

/** Longest lifetime (`exp` − `iat`) a subgraph accepts, in seconds; the gateway and services sign for 60 s. */
export const MAX_IDENTITY_TOKEN_LIFETIME_S = 300;

/**
 * Plain identity headers, trusted only with `SUBGRAPH_TRUST_UNSIGNED_IDENTITY=insecure-dev` (a subgraph developed
 * without a gateway, called by hand). Otherwise they are ignored, whoever sends them.
 */
export const UnsignedIdentityHeader = {
  SUBJECT: 'x-switchyard-subject',
  SCOPES: 'x-switchyard-scopes',
  CLAIMS: 'x-switchyard-claims',
  CLIENT_NAME: 'x-switchyard-client-name',
} as const;

/**
 * Who is calling, as a verified token says. The kit knows no domain: a subgraph reads the claims it owns
 * (`identity.claims.clinic_id`) itself.
 */
export interface CallerIdentity {
  /** The end user the gateway vouches for (JWT `sub`), or the calling service's name; null when anonymous. */
  subject: string | null;
  /** Set when another subgraph calls with its own credential: its name (then `subject` is that name too). */
  service: string | null;
  /** Scopes granted to the end user. Empty for services and anonymous callers. */
  scopes: ReadonlySet<string>;
  /** The claims the gateway forwards (`FORWARD_CLAIMS`), as the token carries them. */
  claims: Readonly<Record<string, unknown>>;
  /** Client application name the gateway resolved, for logs. */
  clientName: string | null;
  /**
   * Why an identity the request carried was refused (no verifier configured, bad signature, expired, wrong
   * audience…); null when none was refused. The request then runs anonymous; subgraphs put this in their
   * authentication errors so an operator sees the cause.
   */
  refusal: string | null;
}

export const anonymous: CallerIdentity = Object.freeze({
  subject: null,
  service: null,
  scopes: new Set<string>(),
  claims: Object.freeze({}),
  clientName: null,
  refusal: null,
});

/** `identity.claims[name]` when it is a non-empty string, else null. */
export function stringClaim(identity: CallerIdentity, name: string): string | null {
  const value = identity.claims[name];
  return typeof value === 'string' && value ? value : null;
}
