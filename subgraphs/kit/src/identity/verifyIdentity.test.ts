import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, importSPKI } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { generateIdentityKeyPair, signTestIdentityToken } from '../testing/testIdentity';
import { createIdentityReader } from './verifyIdentity';

const gateway = generateIdentityKeyPair();
const orders = generateIdentityKeyPair();
const stranger = generateIdentityKeyPair();
const verifying = { gatewayKey: gateway.publicKey, serviceKeys: { orders: orders.publicKey }, trustUnsigned: false };
const header = (token: string) => ({ 'x-switchyard-identity': token });
const buyer = { subject: 'user_00012', scopes: ['orders:write'], claims: { clinic_id: 'clinic_0002', role: 'BUYER' } };

describe('createIdentityReader', () => {
  const reader = createIdentityReader('orders', verifying);

  it("reads subject, scopes, claims and client from the gateway's token for this subgraph", async () => {
    const token = await signTestIdentityToken(gateway.privateKey, { audience: 'orders', ...buyer });
    expect(await reader.read(header(token))).toEqual({
      subject: 'user_00012',
      service: null,
      scopes: new Set(['orders:write']),
      claims: { clinic_id: 'clinic_0002', role: 'BUYER' },
      clientName: 'test',
      refusal: null,
    });
    expect(reader.warning).toBeNull();
  });

  it('refuses a token signed for another subgraph (replayed from catalog)', async () => {
    const token = await signTestIdentityToken(gateway.privateKey, { audience: 'catalog', ...buyer });
    expect(await reader.read(header(token))).toMatchObject({
      subject: null,
      refusal: expect.stringContaining('"aud"'),
    });
  });

  it('refuses an expired token', async () => {
    const issuedAt = Math.floor(Date.now() / 1000) - 120;
    const token = await signTestIdentityToken(gateway.privateKey, { audience: 'orders', issuedAt, ...buyer });
    expect(await reader.read(header(token))).toMatchObject({
      subject: null,
      refusal: expect.stringContaining('"exp"'),
    });
  });

  it('refuses a token signed by the wrong key', async () => {
    const token = await signTestIdentityToken(stranger.privateKey, { audience: 'orders', ...buyer });
    expect(await reader.read(header(token))).toMatchObject({
      subject: null,
      refusal: expect.stringContaining('signature verification failed'),
    });
  });

  it('refuses a token that lives longer than five minutes', async () => {
    const token = await signTestIdentityToken(gateway.privateKey, { audience: 'orders', lifetimeS: 3600, ...buyer });
    expect(await reader.read(header(token))).toMatchObject({
      subject: null,
      refusal: expect.stringContaining('300 s'),
    });
  });

  it('ignores forged plain identity headers', async () => {
    const forged = {
      'x-switchyard-subject': 'user_00012',
      'x-switchyard-scopes': 'orders:write',
      'x-switchyard-claims': JSON.stringify({ clinic_id: 'clinic_0002' }),
    };
    expect(await reader.read(forged)).toMatchObject({ subject: null, scopes: new Set(), claims: {} });
  });

  it("accepts a service's own token as that service only, never as the gateway or a user", async () => {
    const catalog = createIdentityReader('catalog', verifying);
    const own = await signTestIdentityToken(orders.privateKey, {
      audience: 'catalog',
      issuer: 'orders',
      subject: 'orders',
    });
    expect(await catalog.read(header(own))).toMatchObject({
      subject: 'orders',
      service: 'orders',
      scopes: new Set(),
      claims: {},
    });

    const asUser = await signTestIdentityToken(orders.privateKey, { audience: 'catalog', issuer: 'orders', ...buyer });
    expect(await catalog.read(header(asUser))).toMatchObject({
      subject: null,
      refusal: expect.stringContaining('orders'),
    });
    const asGateway = await signTestIdentityToken(orders.privateKey, { audience: 'catalog', ...buyer });
    expect(await catalog.read(header(asGateway))).toMatchObject({
      subject: null,
      refusal: expect.stringContaining('signature'),
    });
    const forSuppliers = await signTestIdentityToken(orders.privateKey, {
      audience: 'suppliers',
      issuer: 'orders',
      subject: 'orders',
    });
    expect(await catalog.read(header(forSuppliers))).toMatchObject({
      service: null,
      refusal: expect.stringContaining('"aud"'),
    });
  });

  it('without a verifier refuses every identity and names the setting', async () => {
    const unconfigured = createIdentityReader('orders', { serviceKeys: {}, trustUnsigned: false });
    const token = await signTestIdentityToken(gateway.privateKey, { audience: 'orders', ...buyer });
    expect(unconfigured.warning).toContain('SUBGRAPH_IDENTITY_KEY is not set');
    expect(await unconfigured.read(header(token))).toMatchObject({
      subject: null,
      refusal: expect.stringContaining('SUBGRAPH_IDENTITY_KEY is not set'),
    });
    expect(await unconfigured.read({ 'x-switchyard-subject': 'user_00012' })).toMatchObject({
      subject: null,
      refusal: expect.stringContaining('SUBGRAPH_IDENTITY_KEY is not set'),
    });
    expect(await unconfigured.read({})).toMatchObject({ subject: null, refusal: null });
  });

  it('trusts plain headers only in the named insecure development mode, and warns', async () => {
    const dev = createIdentityReader('orders', { serviceKeys: {}, trustUnsigned: true });
    expect(dev.warning).toContain('insecure-dev');
    const identity = await dev.read({
      'x-switchyard-subject': 'user_00012',
      'x-switchyard-claims': '{not json',
    });
    expect(identity).toMatchObject({ subject: 'user_00012', claims: {} });
  });
});

describe('createIdentityReader with a JWKS URL', () => {
  let url = '';
  const server = createServer(async (_request, response) => {
    const jwk = await exportJWK(await importSPKI(gateway.publicKey, 'EdDSA'));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: [{ ...jwk, alg: 'EdDSA', use: 'sig' }] }));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("verifies the gateway's tokens with the keys the URL publishes", async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    const reader = createIdentityReader('orders', { gatewayJwksUrl: url, serviceKeys: {}, trustUnsigned: false });
    const token = await signTestIdentityToken(gateway.privateKey, { audience: 'orders', ...buyer });
    expect(await reader.read(header(token))).toMatchObject({ subject: 'user_00012', refusal: null });
    const forged = await signTestIdentityToken(stranger.privateKey, { audience: 'orders', ...buyer });
    expect(await reader.read(header(forged))).toMatchObject({ subject: null });
  });
});
