import { describe, expect, it } from 'vitest';
import { generateIdentityKeyPair } from '../testing/testIdentity';
import { createServiceTokenSigner } from './signServiceToken';
import { createIdentityReader } from './verifyIdentity';

describe('createServiceTokenSigner', () => {
  const keys = generateIdentityKeyPair();

  it('signs a token per audience that the called subgraph accepts as the service, and reuses it for 10 s', async () => {
    let now = 1_800_000_000_000;
    const signer = createServiceTokenSigner({
      service: 'orders',
      privateKey: keys.privateKey,
      setting: 'KEY',
      now: () => now,
    });
    const reader = createIdentityReader('suppliers', { serviceKeys: { orders: keys.publicKey }, trustUnsigned: false });
    const first = await signer.sign('suppliers');
    expect(await signer.sign('suppliers')).toBe(first);
    expect(await signer.sign('catalog')).not.toBe(first);
    now += 10_000;
    expect(await signer.sign('suppliers')).not.toBe(first);
    const fresh = createServiceTokenSigner({ service: 'orders', privateKey: keys.privateKey, setting: 'KEY' });
    expect(await reader.read({ 'x-switchyard-identity': await fresh.sign('suppliers') })).toMatchObject({
      service: 'orders',
      refusal: null,
    });
  });

  it('names the setting of an unreadable key', () => {
    expect(() =>
      createServiceTokenSigner({ service: 'orders', privateKey: '/nonexistent.pem', setting: 'SERVICE_SIGNING_KEY' }),
    ).toThrow(/SERVICE_SIGNING_KEY: cannot read the key file/);
  });
});
