import type { GatewayConfig } from '../config';
import type { Identity } from '../context';
import { SwitchyardError } from '../errors';
import { createApiKeyLookup } from './apiKeys';
import { createJwtVerifier } from './verifyJwt';

/** Authenticates one request from its (lower-cased) headers. */
export interface Authenticator {
  /**
   * The caller's identity from `x-api-key`, `Authorization: ApiKey <key>` or `Authorization: Bearer <jwt>`;
   * `null` for a caller without credentials when anonymous access is allowed. Throws `UNAUTHENTICATED` (HTTP 401)
   * for invalid credentials, or for none when `allowAnonymous` is false.
   */
  authenticate(headers: Record<string, string>): Promise<Identity | null>;
}

/** Builds the authenticator of `config.auth` (API keys, and a JWT secret, public key or JWKS URL). */
export function createAuthenticator(auth: GatewayConfig['auth']): Authenticator {
  const findApiKey = createApiKeyLookup(auth.apiKeys);
  const verifyJwt = createJwtVerifier(auth.jwt, auth.forwardClaims);
  const unauthenticated = (message: string) =>
    new SwitchyardError('UNAUTHENTICATED', message, {}, { headers: { 'www-authenticate': 'Bearer' } });

  return {
    async authenticate(headers) {
      const apiKeyHeader = headers['x-api-key'];
      const authorization = headers.authorization?.trim();
      if (apiKeyHeader !== undefined) {
        const identity = findApiKey(apiKeyHeader.trim());
        if (!identity) throw unauthenticated('The API key is not valid.');
        return identity;
      }
      if (authorization) {
        const [scheme = '', ...rest] = authorization.split(/\s+/);
        const credentials = rest.join(' ');
        if (scheme.toLowerCase() === 'apikey') {
          const identity = findApiKey(credentials);
          if (!identity) throw unauthenticated('The API key is not valid.');
          return identity;
        }
        if (scheme.toLowerCase() === 'bearer') {
          if (!verifyJwt) throw unauthenticated('Bearer tokens are not accepted: no JWT key is configured.');
          try {
            return await verifyJwt(credentials);
          } catch (error) {
            throw unauthenticated(`The bearer token is not valid: ${describeJwtError(error)}`);
          }
        }
        throw unauthenticated(`Unsupported authorization scheme "${scheme}"; use Bearer or ApiKey.`);
      }
      if (!auth.allowAnonymous) throw unauthenticated('Credentials are required: send an API key or a bearer token.');
      return null;
    },
  };
}

function describeJwtError(error: unknown): string {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    switch (error.code) {
      case 'ERR_JWT_EXPIRED':
        return 'it has expired.';
      case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
        return `${error.message}.`;
      case 'ERR_JWKS_NO_MATCHING_KEY':
        return 'no key of the JWKS matches it.';
      default:
        return 'its signature, algorithm or format is wrong.';
    }
  }
  return 'it could not be verified.';
}
