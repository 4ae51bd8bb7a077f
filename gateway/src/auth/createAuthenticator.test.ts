import type { webcrypto } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayConfig } from '../config';
import { addressBudgetKey, createCallerAddress } from './callerAddress';
import { createAuthenticator } from './createAuthenticator';
import { resolveClient } from './resolveClient';

const SECRET = 'a-shared-secret-of-at-least-32-characters!';
const API_KEY = 'sk_test_0123456789abcdef';

function authConfig(overrides: Partial<GatewayConfig['auth']> = {}): GatewayConfig['auth'] {
  return {
    apiKeys: [
      { key: API_KEY, client: 'ios-app', subject: 'svc-ios', scopes: ['orders:write'], claims: { role: 'app' } },
    ],
    jwt: {
      secret: undefined,
      publicKey: undefined,
      jwksUrl: undefined,
      issuer: undefined,
      audience: undefined,
      requireExp: true,
      maxLifetimeS: 86_400,
    },
    forwardClaims: ['clinic_id', 'role'],
    allowAnonymous: true,
    authorizationMode: 'filter',
    ...overrides,
  };
}

const unauthenticated = expect.objectContaining({
  extensions: expect.objectContaining({ code: 'UNAUTHENTICATED', http: expect.objectContaining({ status: 401 }) }),
});

describe('API keys', () => {
  const auth = createAuthenticator(authConfig());

  it('accepts a known key in x-api-key or Authorization: ApiKey', async () => {
    const expected = {
      kind: 'apiKey',
      subject: 'svc-ios',
      scopes: ['orders:write'],
      claims: { role: 'app' },
      clientName: 'ios-app',
    };
    await expect(auth.authenticate({ 'x-api-key': API_KEY })).resolves.toEqual(expected);
    await expect(auth.authenticate({ authorization: `ApiKey ${API_KEY}` })).resolves.toEqual(expected);
  });

  it('refuses an unknown key', async () => {
    await expect(auth.authenticate({ 'x-api-key': `${API_KEY}x` })).rejects.toEqual(unauthenticated);
    await expect(auth.authenticate({ authorization: 'ApiKey nope' })).rejects.toEqual(unauthenticated);
  });
});

describe('anonymous callers', () => {
  it('are null when allowed and refused when not', async () => {
    await expect(createAuthenticator(authConfig()).authenticate({})).resolves.toBeNull();
    await expect(createAuthenticator(authConfig({ allowAnonymous: false })).authenticate({})).rejects.toEqual(
      unauthenticated,
    );
  });

  it('cannot send a bearer token when no JWT key is configured', async () => {
    await expect(createAuthenticator(authConfig()).authenticate({ authorization: 'Bearer x.y.z' })).rejects.toEqual(
      unauthenticated,
    );
  });
});

describe('JWT with a shared secret (HS256)', () => {
  const auth = createAuthenticator(
    authConfig({
      jwt: {
        secret: SECRET,
        publicKey: undefined,
        jwksUrl: undefined,
        issuer: 'https://issuer.test',
        audience: 'switchyard',
        requireExp: true,
        maxLifetimeS: 86_400,
      },
    }),
  );
  const sign = (claims: Record<string, unknown>, secret = SECRET, expiresIn = '5m') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('user-1')
      .setIssuer('https://issuer.test')
      .setAudience('switchyard')
      .setExpirationTime(expiresIn)
      .sign(new TextEncoder().encode(secret));

  it('accepts a valid token with scopes from `scope` and forwards the configured claims', async () => {
    const token = await sign({ scope: 'a b', clinic_id: 'c1', other: 'x' });
    await expect(auth.authenticate({ authorization: `Bearer ${token}` })).resolves.toEqual({
      kind: 'jwt',
      subject: 'user-1',
      scopes: ['a', 'b'],
      claims: { clinic_id: 'c1' },
    });
  });

  it('reads scopes from an `scp` array', async () => {
    const token = await sign({ scp: ['x', 'y'] });
    await expect(auth.authenticate({ authorization: `Bearer ${token}` })).resolves.toMatchObject({
      scopes: ['x', 'y'],
    });
  });

  it('refuses a wrong signature, an expired token, a wrong audience and garbage', async () => {
    await expect(auth.authenticate({ authorization: `Bearer ${await sign({}, `${SECRET}-other`)}` })).rejects.toEqual(
      unauthenticated,
    );
    await expect(auth.authenticate({ authorization: `Bearer ${await sign({}, SECRET, '-1m')}` })).rejects.toThrow(
      /expired/,
    );
    const wrongAudience = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('https://issuer.test')
      .setAudience('someone-else')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(SECRET));
    await expect(auth.authenticate({ authorization: `Bearer ${wrongAudience}` })).rejects.toThrow(/aud/);
    await expect(auth.authenticate({ authorization: 'Bearer not-a-jwt' })).rejects.toEqual(unauthenticated);
  });

  const unsigned = (claims: Record<string, unknown>) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer('https://issuer.test').setAudience('switchyard');

  it('refuses a token without `exp` by default (JWT_REQUIRE_EXP), and accepts it when that is off', async () => {
    const token = await unsigned({}).setSubject('user-1').sign(new TextEncoder().encode(SECRET));
    await expect(auth.authenticate({ authorization: `Bearer ${token}` })).rejects.toThrow(
      /missing required "exp" claim/,
    );
    const lenient = createAuthenticator(
      authConfig({ jwt: { ...authConfig().jwt, secret: SECRET, requireExp: false } }),
    );
    await expect(lenient.authenticate({ authorization: `Bearer ${token}` })).resolves.toMatchObject({
      subject: 'user-1',
    });
  });

  it('refuses a token living longer than JWT_MAX_LIFETIME_S, counted from `iat` or from now', async () => {
    const key = new TextEncoder().encode(SECRET);
    const long = await unsigned({}).setSubject('u').setIssuedAt().setExpirationTime('25h').sign(key);
    await expect(auth.authenticate({ authorization: `Bearer ${long}` })).rejects.toThrow(/JWT_MAX_LIFETIME_S/);
    const noIat = await unsigned({}).setSubject('u').setExpirationTime('30d').sign(key);
    await expect(auth.authenticate({ authorization: `Bearer ${noIat}` })).rejects.toThrow(/JWT_MAX_LIFETIME_S/);
    const ok = await unsigned({}).setSubject('u').setIssuedAt().setExpirationTime('23h').sign(key);
    await expect(auth.authenticate({ authorization: `Bearer ${ok}` })).resolves.toMatchObject({ subject: 'u' });
  });

  it('refuses a `sub` that is not a non-empty string with 401, not a failed subgraph call', async () => {
    const key = new TextEncoder().encode(SECRET);
    for (const sub of [42, ['a'], { id: 'a' }, '', undefined]) {
      const token = await unsigned({ sub }).setExpirationTime('5m').sign(key);
      await expect(auth.authenticate({ authorization: `Bearer ${token}` })).rejects.toThrow(/"sub" must be/);
    }
  });
});

describe('JWT with a public key (RS256)', () => {
  it('accepts a token signed by the private key and refuses an HS256 token made with the public key', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const pem = await exportSPKI(publicKey);
    const auth = createAuthenticator(
      authConfig({
        jwt: { ...authConfig().jwt, publicKey: pem },
      }),
    );
    const token = await new SignJWT({ scope: 'r' })
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject('u2')
      .setExpirationTime('5m')
      .sign(privateKey);
    await expect(auth.authenticate({ authorization: `Bearer ${token}` })).resolves.toMatchObject({
      subject: 'u2',
      scopes: ['r'],
    });
    const confused = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(pem));
    await expect(auth.authenticate({ authorization: `Bearer ${confused}` })).rejects.toEqual(unauthenticated);
  });
});

describe('JWT with a JWKS URL', () => {
  let server: Server;
  let jwksUrl: string;
  let privateKey: webcrypto.CryptoKey;
  let jwksRequests = 0;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => {
      jwksRequests += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('JWKS server has no port');
    jwksUrl = `http://127.0.0.1:${address.port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('verifies tokens against the served keys and fetches them once', async () => {
    const auth = createAuthenticator(authConfig({ jwt: { ...authConfig().jwt, jwksUrl } }));
    const sign = (kid: string, key: webcrypto.CryptoKey) =>
      new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid }).setSubject('u3').setExpirationTime('5m').sign(key);
    await expect(auth.authenticate({ authorization: `Bearer ${await sign('k1', privateKey)}` })).resolves.toMatchObject(
      { subject: 'u3' },
    );
    await expect(auth.authenticate({ authorization: `Bearer ${await sign('k1', privateKey)}` })).resolves.toMatchObject(
      { subject: 'u3' },
    );
    expect(jwksRequests).toBe(1);
    const stranger = (await generateKeyPair('RS256')).privateKey;
    await expect(auth.authenticate({ authorization: `Bearer ${await sign('k1', stranger)}` })).rejects.toEqual(
      unauthenticated,
    );
  });
});

describe('resolveClient', () => {
  it('keys budgets by API key client or token subject, else by address; a client-name header only labels usage', () => {
    const apiKey = { kind: 'apiKey' as const, subject: 's', scopes: [], claims: {}, clientName: 'ios-app' };
    const jwt = { kind: 'jwt' as const, subject: 'user-1', scopes: [], claims: {} };
    const headers = { 'apollographql-client-name': 'web', 'apollographql-client-version': '1.2.3' };
    const at = '203.0.113.9';
    expect(resolveClient(headers, apiKey, at)).toEqual({ id: 'client:ios-app', name: 'ios-app', version: '1.2.3' });
    expect(resolveClient(headers, jwt, at)).toEqual({ id: 'subject:user-1', name: 'web', version: '1.2.3' });
    expect(resolveClient(headers, null, at)).toEqual({ id: 'address:203.0.113.9', name: 'web', version: '1.2.3' });
    expect(resolveClient({}, null, '::ffff:203.0.113.9')).toEqual({
      id: 'address:203.0.113.9',
      name: 'anonymous',
      version: '',
    });
  });

  it('keys an IPv6 caller by its /64, so rotating addresses within it cannot mint budgets', () => {
    expect(addressBudgetKey('2001:db8:1:2:aaaa::1')).toBe('address:2001:db8:1:2::/64');
    expect(addressBudgetKey('2001:db8:1:2:ffff:1:2:3')).toBe('address:2001:db8:1:2::/64');
    expect(addressBudgetKey('2001:db8:1:3::1')).not.toBe(addressBudgetKey('2001:db8:1:2::1'));
  });
});

describe('createCallerAddress', () => {
  const request = (remoteAddress: string, forwardedFor?: string) =>
    ({
      socket: { remoteAddress },
      connection: { remoteAddress },
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    }) as unknown as IncomingMessage;

  it('ignores X-Forwarded-For unless the socket is a trusted proxy', () => {
    expect(createCallerAddress([])(request('198.51.100.1', '203.0.113.5'))).toBe('198.51.100.1');
    expect(createCallerAddress(['10.0.0.0/8'])(request('198.51.100.1', '203.0.113.5'))).toBe('198.51.100.1');
  });

  it('takes the first address that is not a trusted proxy, from the right', () => {
    const trusted = createCallerAddress(['10.0.0.0/8', 'loopback']);
    expect(trusted(request('127.0.0.1', '203.0.113.5, 10.1.2.3'))).toBe('203.0.113.5');
    // A client writing its own X-Forwarded-For in front gets the address the trusted proxy saw, not the forged one.
    expect(trusted(request('127.0.0.1', '1.1.1.1, 203.0.113.5'))).toBe('203.0.113.5');
  });
});
