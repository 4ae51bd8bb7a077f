import { SignJWT } from 'jose';
import { loadPrivateKey } from './identityKeys';

export interface ServiceTokenSignerOptions {
  /** The calling service's name: the token's `iss` and `sub`, as the called subgraphs know it in `SUBGRAPH_SERVICE_KEYS`. */
  service: string;
  /** The service's private key, PEM text or a PEM file's path. */
  privateKey: string;
  /** The setting `privateKey` came from, named in errors. */
  setting: string;
  /** Lifetime of a token, in seconds. Default 60. */
  lifetimeS?: number;
  /** Clock, in milliseconds. Default `Date.now`. */
  now?: () => number;
}

/** Signs a subgraph's own credential for the calls it makes; `sign(audience)` names the subgraph called. */
export interface ServiceTokenSigner {
  sign(audience: string): Promise<string>;
}

// A token is reused while it has most of its life left, so calls share one signature every few seconds.
const REUSE_MS = 10_000;

/** Creates the signer of a service's identity tokens. Throws a `ConfigError` naming `setting` for a bad key. */
export function createServiceTokenSigner(options: ServiceTokenSignerOptions): ServiceTokenSigner {
  const { key, algorithm } = loadPrivateKey(options.privateKey, options.setting);
  const lifetimeS = options.lifetimeS ?? 60;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { token: string; signedAt: number }>();
  return {
    async sign(audience) {
      const at = now();
      const cached = cache.get(audience);
      if (cached && at - cached.signedAt < REUSE_MS) return cached.token;
      const iat = Math.floor(at / 1000);
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: algorithm, typ: 'JWT' })
        .setIssuer(options.service)
        .setSubject(options.service)
        .setAudience(audience)
        .setIssuedAt(iat)
        .setExpirationTime(iat + lifetimeS)
        .sign(key);
      cache.set(audience, { token, signedAt: at });
      return token;
    },
  };
}
