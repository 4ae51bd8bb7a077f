import { createPublicKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { GatewayConfig } from '../config';
import type { Identity } from '../context';

type JwtConfig = GatewayConfig['auth']['jwt'];

/** Verifies a bearer token and turns its claims into an `Identity`; rejects (throws) for any invalid token. */
export type JwtVerifier = (token: string) => Promise<Identity>;

/**
 * A verifier for the configured key: a shared secret (HS256/384/512), a PEM public key (RS*, PS*, ES*, EdDSA, by
 * key type) or a JWKS URL (keys fetched and cached by `jose`). Issuer and audience are checked when configured.
 * Returns `undefined` when no JWT key is configured.
 */
export function createJwtVerifier(jwt: JwtConfig, forwardClaims: readonly string[]): JwtVerifier | undefined {
  const key = resolveKey(jwt);
  if (!key) return undefined;
  const checks = {
    issuer: jwt.issuer,
    audience: jwt.audience,
    algorithms: key.algorithms,
    requiredClaims: jwt.requireExp ? ['exp'] : [],
  };
  return async (token) => {
    const { payload } =
      key.kind === 'jwks' ? await jwtVerify(token, key.getKey, checks) : await jwtVerify(token, key.key, checks);
    checkLifetime(payload, jwt.maxLifetimeS, Math.floor(Date.now() / 1000));
    return toIdentity(payload, forwardClaims);
  };
}

type ResolvedKey =
  | { kind: 'static'; key: Uint8Array | KeyObject; algorithms: string[] }
  | { kind: 'jwks'; getKey: JWTVerifyGetKey; algorithms: string[] | undefined };

function resolveKey(jwt: JwtConfig): ResolvedKey | undefined {
  if (jwt.secret)
    return { kind: 'static', key: new TextEncoder().encode(jwt.secret), algorithms: ['HS256', 'HS384', 'HS512'] };
  if (jwt.publicKey) {
    const key = createPublicKey(jwt.publicKey.replace(/\\n/g, '\n'));
    return { kind: 'static', key, algorithms: algorithmsFor(key) };
  }
  if (jwt.jwksUrl) return { kind: 'jwks', getKey: createRemoteJWKSet(new URL(jwt.jwksUrl)), algorithms: undefined };
  return undefined;
}

function algorithmsFor(key: KeyObject): string[] {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
    case 'rsa-pss':
      return ['PS256', 'PS384', 'PS512'];
    case 'ec':
      return ['ES256', 'ES384', 'ES512'];
    case 'ed25519':
    case 'ed448':
      return ['EdDSA', 'Ed25519'];
    default:
      throw new Error(`JWT_PUBLIC_KEY has an unsupported key type: ${key.asymmetricKeyType ?? 'unknown'}`);
  }
}

/** Scopes from `scope` (space-separated, OAuth 2) or `scp` (an array, or a space-separated string). */
export function readScopes(payload: JWTPayload): string[] {
  const raw = payload.scope ?? payload.scp;
  if (typeof raw === 'string') return raw.split(' ').filter(Boolean);
  if (Array.isArray(raw)) return raw.filter((scope): scope is string => typeof scope === 'string');
  return [];
}

/** Thrown for a token that verifies but that the gateway's own rules refuse; its message is shown to the client. */
export class JwtRejected extends Error {
  readonly code = 'ERR_JWT_CLAIM_VALIDATION_FAILED';
}

/**
 * Refuses a token whose life (`exp` minus `iat`, or minus `now` when it has no `iat`) is longer than
 * `maxLifetimeS` seconds, so a leaked long-lived token is not accepted for longer than the operator allows.
 */
export function checkLifetime(payload: JWTPayload, maxLifetimeS: number, now: number): void {
  if (payload.exp === undefined) return;
  const issuedAt = typeof payload.iat === 'number' ? payload.iat : now;
  if (payload.exp - issuedAt > maxLifetimeS) {
    throw new JwtRejected(`its lifetime exceeds the maximum of ${maxLifetimeS} s (JWT_MAX_LIFETIME_S)`);
  }
}

function toIdentity(payload: JWTPayload, forwardClaims: readonly string[]): Identity {
  // jose checks `sub` is a string when present; an empty or absent one names nobody.
  if (typeof payload.sub !== 'string' || payload.sub === '') throw new JwtRejected('"sub" must be a non-empty string');
  const claims: Record<string, unknown> = {};
  for (const name of forwardClaims) if (payload[name] !== undefined) claims[name] = payload[name];
  return { kind: 'jwt', subject: payload.sub, scopes: readScopes(payload), claims };
}
