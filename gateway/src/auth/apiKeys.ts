import { createHash, timingSafeEqual } from 'node:crypto';
import type { GatewayConfig } from '../config';
import type { Identity } from '../context';

type ApiKey = GatewayConfig['auth']['apiKeys'][number];

const sha256 = (value: string) => createHash('sha256').update(value).digest();

/**
 * Looks API keys up by their SHA-256, so the time a lookup takes says nothing about how much of a guess matched;
 * the found digest is compared again in constant time. Returns `undefined` for an unknown key.
 */
export function createApiKeyLookup(apiKeys: readonly ApiKey[]): (key: string) => Identity | undefined {
  const byDigest = new Map<string, { digest: Buffer; apiKey: ApiKey }>();
  for (const apiKey of apiKeys) {
    const digest = sha256(apiKey.key);
    byDigest.set(digest.toString('hex'), { digest, apiKey });
  }
  return (key) => {
    const digest = sha256(key);
    const found = byDigest.get(digest.toString('hex'));
    if (!found || !timingSafeEqual(found.digest, digest)) return undefined;
    const { apiKey } = found;
    return {
      kind: 'apiKey',
      subject: apiKey.subject ?? apiKey.client,
      scopes: [...apiKey.scopes],
      claims: { ...apiKey.claims },
      clientName: apiKey.client,
    };
  };
}
