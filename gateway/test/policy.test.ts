import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productsSubgraph } from './fixtures';
import { startGateway, startSubgraph, type TestGateway, type TestSubgraph } from './harness';

const KEY = 'key-of-the-ios-app-0001';
const SIGNING_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/** The policy plugins and the authenticator, as `createGateway` wires them, seen through HTTP. */
describe('policy through the HTTP path', () => {
  let products: TestSubgraph;
  let gw: TestGateway;

  beforeAll(async () => {
    products = await startSubgraph(productsSubgraph());
    gw = await startGateway([products], {
      API_KEYS: JSON.stringify([{ key: KEY, client: 'ios-app', subject: 'svc-ios', scopes: ['catalog:read'] }]),
      SUBGRAPH_SIGNING_KEY: SIGNING_KEY,
      BUDGETS_ENABLED: 'true',
      BUDGET_CAPACITY: '20',
      MAX_QUERY_COST: '20',
      BUDGET_REFILL_PER_SECOND: '0.01',
      MAX_DEPTH: '3',
    });
  });
  afterAll(async () => {
    await gw?.close();
    await products.stop();
  });

  it('authenticates API keys and forwards the identity to subgraphs', async () => {
    const { status } = await gw.query('{ product(id: "p1") { name } }', { headers: { 'x-api-key': KEY } });
    expect(status).toBe(200);
    const headers = products.received.at(-1)?.headers ?? {};
    expect(headers['x-switchyard-client-name']).toBe('ios-app');
    expect(decodeJwt(headers['x-switchyard-identity'] ?? '')).toMatchObject({ sub: 'svc-ios', scope: 'catalog:read' });
  });

  it('answers 401 UNAUTHENTICATED for an unknown API key', async () => {
    const { status, body } = await gw.query('{ product(id: "p1") { name } }', {
      headers: { 'x-api-key': 'nope-nope-nope-nope' },
    });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers 400 with the limit code for a query over MAX_DEPTH', async () => {
    const { status, body } = await gw.query('{ a: product(id: "p1") { b: id c: name } products { id } }');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const deep = await gw.query('{ __type(name: "Product") { fields { type { ofType { name } } } } }');
    expect(deep.status).toBe(400);
    expect(deep.body.errors?.[0]?.extensions?.code).toBe('DEPTH_LIMIT_EXCEEDED');
  });

  it('answers 429 THROTTLED with Retry-After once the client budget is spent', async () => {
    let last: Awaited<ReturnType<TestGateway['query']>> | undefined;
    for (let i = 0; i < 10 && last?.status !== 429; i++) {
      last = await gw.query('{ products { id name } }', { headers: { 'x-api-key': KEY } });
    }
    expect(last?.status).toBe(429);
    expect(last?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(last?.body.errors?.[0]?.extensions?.code).toBe('THROTTLED');
  });
});
