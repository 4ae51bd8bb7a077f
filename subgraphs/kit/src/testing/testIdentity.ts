import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { GATEWAY_ISSUER, IDENTITY_TOKEN_HEADER } from '../identity/callerIdentity';
import { loadPrivateKey } from '../identity/identityKeys';

/** A fresh Ed25519 key pair as PEM text, like the ones `npm start` generates. */
export function generateIdentityKeyPair(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export interface TestTokenOptions {
  /** The subgraph the token is for. */
  audience: string;
  subject?: string;
  scopes?: string[];
  claims?: Record<string, unknown>;
  /** Default the gateway's issuer. */
  issuer?: string;
  /** Seconds since the epoch. Default now. */
  issuedAt?: number;
  /** Default 60. */
  lifetimeS?: number;
}

/** Signs an identity token as the gateway (or `issuer`) would, with `privateKey`. */
export async function signTestIdentityToken(privateKey: string, options: TestTokenOptions): Promise<string> {
  const { key, algorithm } = loadPrivateKey(privateKey, 'test key');
  const iat = options.issuedAt ?? Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({
    ...(options.scopes ? { scope: options.scopes.join(' ') } : {}),
    ...(options.claims ? { claims: options.claims } : {}),
    client: { name: 'test' },
  })
    .setProtectedHeader({ alg: algorithm, typ: 'JWT' })
    .setIssuer(options.issuer ?? GATEWAY_ISSUER)
    .setAudience(options.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (options.lifetimeS ?? 60));
  if (options.subject) jwt.setSubject(options.subject);
  return jwt.sign(key);
}

/**
 * A gateway for tests: its key pair, the setting that makes a subgraph trust it, and the headers of a caller it
 * vouches for.
 */
export function createTestGateway() {
  const keys = generateIdentityKeyPair();
  return {
    keys,
    /** Settings a subgraph needs to verify this gateway's tokens. */
    env: { SUBGRAPH_IDENTITY_KEY: keys.publicKey },
    /** Headers of a call the gateway makes to `audience` for the caller described by `options`. */
    async headers(options: TestTokenOptions): Promise<Record<string, string>> {
      return { [IDENTITY_TOKEN_HEADER]: await signTestIdentityToken(keys.privateKey, options) };
    },
  };
}
