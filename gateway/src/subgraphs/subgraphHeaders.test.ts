import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import type { GatewayContext } from '../context';
import { createLogger } from '../logger';
import { buildSubgraphHeaders, forwardableHeaders } from './subgraphHeaders';
import { createSubgraphTokenSigner } from './subgraphIdentityToken';

const context = (headers: Record<string, string>, identity: GatewayContext['identity'] = null): GatewayContext => ({
  requestId: 'req-1',
  logger: createLogger('silent'),
  identity,
  client: { id: 'anonymous', name: 'anonymous', version: '' },
  headers,
});

const keys = generateKeyPairSync('ed25519');
const privateKey = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const buyer: GatewayContext['identity'] = {
  kind: 'jwt',
  subject: 'user_00012',
  scopes: ['orders:read', 'orders:write'],
  claims: { clinic_id: 'clinic_0002', role: 'BUYER' },
};

describe('forwardableHeaders', () => {
  it('drops identity, trace and HTTP framing headers whatever the configuration says', () => {
    expect(
      forwardableHeaders([
        'Accept-Language',
        'x-switchyard-subject',
        'x-switchyard-identity',
        'traceparent',
        'host',
        'content-length',
        'x-tenant',
      ]),
    ).toEqual(['accept-language', 'x-tenant']);
  });
});

describe('buildSubgraphHeaders', () => {
  it('lets a client claim no identity, even with headers of the same names', async () => {
    const forwardHeaders = forwardableHeaders(['x-switchyard-subject', 'x-switchyard-identity']);
    const headers = await buildSubgraphHeaders(
      context({ 'x-switchyard-subject': 'admin', 'x-switchyard-identity': 'forged' }),
      { name: 'orders', forwardHeaders, identitySigner: createSubgraphTokenSigner({ privateKey }) },
    );
    expect(headers).not.toHaveProperty('x-switchyard-subject');
    expect(headers).not.toHaveProperty('x-switchyard-identity');
  });

  it('sends the request id as x-request-id when it is forwarded and the client sent none', async () => {
    const options = { name: 'orders', forwardHeaders: ['x-request-id'] };
    expect((await buildSubgraphHeaders(context({}), options))['x-request-id']).toBe('req-1');
    expect((await buildSubgraphHeaders(context({ 'x-request-id': 'mine' }), options))['x-request-id']).toBe('mine');
    expect(await buildSubgraphHeaders(context({}), { name: 'orders', forwardHeaders: [] })).not.toHaveProperty(
      'x-request-id',
    );
  });

  it("signs the caller's subject, scopes, claims and client for this subgraph alone, for 60 s", async () => {
    const headers = await buildSubgraphHeaders(context({}, buyer), {
      name: 'orders',
      forwardHeaders: [],
      identitySigner: createSubgraphTokenSigner({ privateKey }),
    });
    expect(headers).not.toHaveProperty('x-switchyard-subject');
    expect(headers).not.toHaveProperty('x-switchyard-claims');
    const { payload, protectedHeader } = await jwtVerify(headers['x-switchyard-identity'] ?? '', keys.publicKey, {
      issuer: 'switchyard-gateway',
      audience: 'orders',
    });
    expect(protectedHeader.alg).toBe('EdDSA');
    expect(payload).toMatchObject({
      sub: 'user_00012',
      scope: 'orders:read orders:write',
      claims: { clinic_id: 'clinic_0002', role: 'BUYER' },
      client: { name: 'anonymous', version: '' },
    });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(60);
    await expect(
      jwtVerify(headers['x-switchyard-identity'] ?? '', keys.publicKey, { audience: 'catalog' }),
    ).rejects.toThrow(/"aud"/);
  });

  it('sends no identity token for an anonymous caller or without a signing key', async () => {
    const signer = createSubgraphTokenSigner({ privateKey });
    expect(
      await buildSubgraphHeaders(context({}), { name: 'orders', forwardHeaders: [], identitySigner: signer }),
    ).not.toHaveProperty('x-switchyard-identity');
    expect(await buildSubgraphHeaders(context({}, buyer), { name: 'orders', forwardHeaders: [] })).not.toHaveProperty(
      'x-switchyard-identity',
    );
  });
});

describe('createSubgraphTokenSigner', () => {
  it('reuses a token of one caller and subgraph for 10 s, then signs a fresh one', async () => {
    let now = 1_800_000_000_000;
    const signer = createSubgraphTokenSigner({ privateKey, now: () => now });
    const first = await signer.sign('orders', context({}, buyer));
    expect(await signer.sign('orders', context({}, buyer))).toBe(first);
    expect(await signer.sign('catalog', context({}, buyer))).not.toBe(first);
    expect(await signer.sign('orders', context({}, { ...buyer, scopes: ['orders:read'] }))).not.toBe(first);
    now += 10_000;
    const fresh = await signer.sign('orders', context({}, buyer));
    expect(fresh).not.toBe(first);
    expect(decodeJwt(fresh ?? '').iat).toBe((decodeJwt(first ?? '').iat ?? 0) + 10);
  });

  it('names SUBGRAPH_SIGNING_KEY when the key cannot be used', () => {
    expect(() => createSubgraphTokenSigner({ privateKey: '/nonexistent/gateway.pem' })).toThrow(
      /SUBGRAPH_SIGNING_KEY: cannot read the key file/,
    );
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    expect(() => createSubgraphTokenSigner({ privateKey: rsa.toString() })).toThrow(/Ed25519 or P-256/);
  });
});

describe('header values from claims and client headers', () => {
  const hostile = 'x\r\nx-switchyard-subject: admin\u0000\u007f';

  it('never carry CR, LF or other control characters into a subgraph call', async () => {
    const headers = await buildSubgraphHeaders(
      {
        ...context(
          { 'accept-language': hostile },
          { kind: 'jwt', subject: hostile, scopes: ['a', hostile], claims: { role: hostile, name: 'Zoë' } },
        ),
        client: { id: 'c', name: hostile, version: hostile },
      },
      {
        name: 'orders',
        forwardHeaders: ['accept-language'],
        identitySigner: createSubgraphTokenSigner({ privateKey }),
      },
    );
    for (const value of Object.values(headers)) expect(value).toMatch(/^[\t\x20-\x7e]*$/);
    expect(headers).not.toHaveProperty('accept-language');
    expect(headers).not.toHaveProperty('x-switchyard-client-name');
    expect(decodeJwt(headers['x-switchyard-identity'] ?? '')).toMatchObject({
      sub: hostile,
      claims: { role: hostile, name: 'Zoë' },
    });
  });
});
