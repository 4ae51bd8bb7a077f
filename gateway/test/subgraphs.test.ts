import { generateKeyPairSync } from 'node:crypto';
import { jwtVerify } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '../src/context';
import { SwitchyardError } from '../src/errors';
import { productsSubgraph, reviewsSubgraph } from './fixtures';
import { startGateway, startSubgraph, type TestGateway, type TestSubgraph } from './harness';

const keys = generateKeyPairSync('ed25519');
const SIGNING_KEY = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const nurse: Identity = {
  kind: 'jwt',
  subject: 'user-42',
  scopes: ['orders:read', 'orders:write'],
  claims: { clinic_id: 'c-7', role: 'nurse' },
};

describe('subgraph calls', () => {
  let products: TestSubgraph;
  let reviews: TestSubgraph;
  let gw: TestGateway;

  beforeAll(async () => {
    products = await startSubgraph(productsSubgraph());
    reviews = await startSubgraph(reviewsSubgraph());
    gw = await startGateway(
      [products, reviews],
      {
        SUBGRAPH_SIGNING_KEY: SIGNING_KEY,
        SUBGRAPH_TIMEOUTS: '{"reviews": 300}',
        FORWARD_HEADERS: 'accept-language,x-request-id',
      },
      {
        authenticator: {
          async authenticate(headers) {
            if (!headers.authorization) return null;
            if (headers.authorization === 'Bearer nurse') return nurse;
            if (headers.authorization === 'Bearer other') return { ...nurse, subject: 'user-43' };
            throw new SwitchyardError('UNAUTHENTICATED', 'The bearer token is invalid.');
          },
        },
      },
    );
  });
  afterEach(() => {
    products.received.length = 0;
    reviews.received.length = 0;
    products.delayMs = 0;
    reviews.delayMs = 0;
  });
  afterAll(async () => {
    await gw?.close();
    await products.stop();
    await reviews.stop();
  });

  it("forwards traceparent, configured headers, client, and the caller's identity signed for that subgraph", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await gw.query('{ products { id reviewCount } }', {
      headers: {
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
        'accept-language': 'fr-CH',
        'x-request-id': 'req-123',
        'x-not-forwarded': 'nope',
        authorization: 'Bearer nurse',
        'apollographql-client-name': 'ios-app',
        'apollographql-client-version': '3.2.1',
      },
    });
    expect(reviews.received).toHaveLength(1);
    const headers = reviews.received[0]?.headers ?? {};
    expect(headers).toMatchObject({
      'accept-language': 'fr-CH',
      'x-request-id': 'req-123',
      'x-switchyard-client-name': 'ios-app',
      'x-switchyard-client-version': '3.2.1',
    });
    const { payload } = await jwtVerify(headers['x-switchyard-identity'] ?? '', keys.publicKey, {
      issuer: 'switchyard-gateway',
      audience: 'reviews',
    });
    expect(payload).toMatchObject({
      sub: 'user-42',
      scope: 'orders:read orders:write',
      claims: { clinic_id: 'c-7', role: 'nurse' },
      client: { name: 'ios-app', version: '3.2.1' },
    });
    expect(headers).not.toHaveProperty('x-switchyard-subject');
    expect(headers).not.toHaveProperty('x-not-forwarded');
    expect(headers).not.toHaveProperty('authorization');
    // Same trace, a new parent span for the subgraph.
    expect(headers.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(headers.traceparent).not.toContain('00f067aa0ba902b7');
  });

  it('starts a trace when the client sends none, and sends anonymous callers without identity headers', async () => {
    await gw.query('{ products { id } }');
    const headers = products.received[0]?.headers ?? {};
    expect(headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(headers).not.toHaveProperty('x-switchyard-identity');
    expect(headers['x-switchyard-client-name']).toBe('anonymous');
  });

  it('answers 401 UNAUTHENTICATED when the authenticator refuses the credentials', async () => {
    const { status, body } = await gw.query('{ products { id } }', { headers: { authorization: 'Bearer forged' } });
    expect(status).toBe(401);
    expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })]);
    expect(products.received).toHaveLength(0);
  });

  it('sends identical in-flight fetches once and shares the response', async () => {
    products.delayMs = 150;
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        gw.query('{ products { id name } }', { headers: { authorization: 'Bearer nurse' } }),
      ),
    );
    expect(products.received).toHaveLength(1);
    for (const { body } of responses) {
      expect(body.data).toEqual({
        products: [
          { id: 'p1', name: 'Scalpel' },
          { id: 'p2', name: 'Gauze' },
          { id: 'p3', name: 'Syringe' },
        ],
      });
    }
  });

  it('does not share fetches between different callers or different variables', async () => {
    products.delayMs = 150;
    await Promise.all([
      gw.query('{ products { id } }', { headers: { authorization: 'Bearer nurse' } }),
      gw.query('{ products { id } }', { headers: { authorization: 'Bearer other' } }),
      gw.query('query ($id: ID!) { product(id: $id) { id } }', { variables: { id: 'p1' } }),
      gw.query('query ($id: ID!) { product(id: $id) { id } }', { variables: { id: 'p2' } }),
    ]);
    expect(products.received).toHaveLength(4);
  });

  it('never merges mutations', async () => {
    products.delayMs = 100;
    await Promise.all([gw.query('mutation { touch(id: "p1") }'), gw.query('mutation { touch(id: "p1") }')]);
    expect(products.received).toHaveLength(2);
  });

  it('sends duplicate entity representations once and fans the results back out in order', async () => {
    const { body } = await gw.query('{ reviews { id product { id name } } }');
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      reviews: [
        { id: 'r1', product: { id: 'p1', name: 'Scalpel' } },
        { id: 'r2', product: { id: 'p1', name: 'Scalpel' } },
        { id: 'r3', product: { id: 'p2', name: 'Gauze' } },
        { id: 'r4', product: { id: 'p1', name: 'Scalpel' } },
        { id: 'r5', product: { id: 'p2', name: 'Gauze' } },
        { id: 'r6', product: { id: 'p1', name: 'Scalpel' } },
      ],
    });
    expect(products.received).toHaveLength(1);
    expect(products.received[0]?.variables.representations).toEqual([
      { __typename: 'Product', id: 'p1' },
      { __typename: 'Product', id: 'p2' },
    ]);
  });

  it('returns partial data and an error naming a subgraph that times out', async () => {
    reviews.delayMs = 1_000;
    const started = Date.now();
    const { status, body } = await gw.query('{ products { id name reviewCount } }');
    expect(Date.now() - started).toBeLessThan(900);
    expect(status).toBe(200);
    expect(body.data).toEqual({
      products: [
        { id: 'p1', name: 'Scalpel', reviewCount: null },
        { id: 'p2', name: 'Gauze', reviewCount: null },
        { id: 'p3', name: 'Syringe', reviewCount: null },
      ],
    });
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'Subgraph "reviews" did not answer within 300 ms.',
        extensions: expect.objectContaining({ code: 'SUBGRAPH_TIMEOUT', subgraph: 'reviews', serviceName: 'reviews' }),
      }),
    ]);
  });
});

describe('a subgraph that is down', () => {
  it('yields partial data with SUBGRAPH_UNAVAILABLE naming it, and the gateway stays healthy', async () => {
    const products = await startSubgraph(productsSubgraph());
    const reviews = await startSubgraph(reviewsSubgraph());
    const gw = await startGateway([products, reviews]);
    try {
      await reviews.stop();
      const { status, body } = await gw.query('{ products { id reviewCount } }');
      expect(status).toBe(200);
      expect(body.data).toEqual({
        products: [
          { id: 'p1', reviewCount: null },
          { id: 'p2', reviewCount: null },
          { id: 'p3', reviewCount: null },
        ],
      });
      expect(body.errors).toEqual([
        expect.objectContaining({
          message: expect.stringContaining('Subgraph "reviews" is unavailable'),
          extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'reviews' }),
        }),
      ]);
      expect((await fetch(`${gw.base}/health`)).status).toBe(200);
      expect((await fetch(`${gw.base}/ready`)).status).toBe(200);
      const metrics = await (await fetch(`${gw.base}/metrics`)).text();
      expect(metrics).toMatch(
        /switchyard_subgraph_fetch_duration_seconds_count\{subgraph="reviews",outcome="unavailable"\} 1/,
      );
      expect(metrics).toMatch(/switchyard_requests_total\{operation_type="query",outcome="partial"\} 1/);
    } finally {
      await gw.close();
      await products.stop();
    }
  });
});
