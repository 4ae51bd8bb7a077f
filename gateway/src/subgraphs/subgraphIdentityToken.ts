import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SignJWT } from 'jose';
import type { GatewayContext } from '../context';
import { ConfigError } from '../errors';

/** Header carrying the identity token of a subgraph fetch (read by `@switchyard/subgraph-kit`). */
export const IDENTITY_TOKEN_HEADER = 'x-switchyard-identity';
/** `iss` of every token the gateway signs. */
export const GATEWAY_ISSUER = 'switchyard-gateway';
/** Life of a token, in seconds: long enough for one fetch and retries, short enough that a leaked one soon dies. */
export const IDENTITY_TOKEN_LIFETIME_S = 60;

// A token is reused for the same caller and subgraph while it has at least 50 s left: one signature serves every
// fetch of a burst, and identical fetches of one caller still deduplicate (their headers stay equal).
const REUSE_MS = 10_000;
const MAX_CACHED_TOKENS = 10_000;

/** Signs, per subgraph fetch, who the caller is, for that subgraph alone. */
export interface SubgraphTokenSigner {
  /** A token for `audience` (the subgraph's name) vouching for the caller of `context`; undefined when anonymous. */
  sign(audience: string, context: GatewayContext): Promise<string | undefined>;
}

/** The gateway's signing key from `SUBGRAPH_SIGNING_KEY`: PEM text, or the path of a PEM file (Ed25519 or P-256). */
export function loadSigningKey(value: string): { key: KeyObject; algorithm: 'EdDSA' | 'ES256' } {
  const setting = 'SUBGRAPH_SIGNING_KEY';
  let pem = value;
  if (!value.trimStart().startsWith('-----BEGIN')) {
    try {
      pem = readFileSync(value, 'utf8');
    } catch (error) {
      throw new ConfigError([
        `${setting}: cannot read the key file ${value} (${(error as NodeJS.ErrnoException).code})`,
      ]);
    }
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new ConfigError([`${setting}: not a PEM private key (${(error as Error).message})`]);
  }
  if (key.asymmetricKeyType === 'ed25519') return { key, algorithm: 'EdDSA' };
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') {
    return { key, algorithm: 'ES256' };
  }
  throw new ConfigError([`${setting}: expected an Ed25519 or P-256 private key, got ${key.asymmetricKeyType}`]);
}

/**
 * Creates the signer of identity tokens: a JWS (`EdDSA` or `ES256`, by the key) with `iss` switchyard-gateway,
 * `aud` the subgraph, 60 s of life, and the caller's `sub`, `scope` (space-separated), forwarded `claims` and
 * `client` (`{name, version}`). Throws a `ConfigError` naming SUBGRAPH_SIGNING_KEY for an unusable key.
 */
export function createSubgraphTokenSigner(options: { privateKey: string; now?: () => number }): SubgraphTokenSigner {
  const { key, algorithm } = loadSigningKey(options.privateKey);
  const now = options.now ?? Date.now;
  const cache = new Map<string, { token: string; signedAt: number }>();
  return {
    async sign(audience, context) {
      const identity = context.identity;
      if (!identity) return undefined;
      const client = { name: context.client.name, version: context.client.version };
      const cacheKey = JSON.stringify([audience, identity.subject, identity.scopes, identity.claims, client]);
      const at = now();
      const cached = cache.get(cacheKey);
      if (cached && at - cached.signedAt < REUSE_MS) return cached.token;
      const iat = Math.floor(at / 1000);
      const token = await new SignJWT({ scope: identity.scopes.join(' '), claims: identity.claims, client })
        .setProtectedHeader({ alg: algorithm, typ: 'JWT' })
        .setIssuer(GATEWAY_ISSUER)
        .setSubject(identity.subject)
        .setAudience(audience)
        .setIssuedAt(iat)
        .setExpirationTime(iat + IDENTITY_TOKEN_LIFETIME_S)
        .sign(key);
      if (cache.size >= MAX_CACHED_TOKENS) cache.clear();
      cache.set(cacheKey, { token, signedAt: at });
      return token;
    },
  };
}
