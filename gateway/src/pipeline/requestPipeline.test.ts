import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BudgetStore, createRedisBudgetStore } from '../plugins/budgets';
import {
  type PolicyStack,
  type RecordingSubgraph,
  startPolicyStack,
  startSubgraphs,
} from '../plugins/testing/policyStack';

let subgraphs: { catalog: RecordingSubgraph; accounts: RecordingSubgraph; supergraphSdl: string };
const stacks: PolicyStack[] = [];
const stack = async (env: Record<string, string> = {}, options: Parameters<typeof startPolicyStack>[2] = {}) => {
  const started = await startPolicyStack(subgraphs, env, options);
  stacks.push(started);
  return started;
};

beforeAll(async () => {
  subgraphs = await startSubgraphs();
});
afterAll(async () => {
  await Promise.all(stacks.map((s) => s.stop()));
  await Promise.all([subgraphs.catalog.stop(), subgraphs.accounts.stop()]);
});

const code = (response: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  response.errors?.[0]?.extensions?.code;

describe('limits', () => {
  const cases: Array<{
    name: string;
    env: Record<string, string>;
    query: string;
    code: string;
    limit: number;
    measured: number;
  }> = [
    {
      name: 'depth',
      env: { MAX_DEPTH: '2' },
      query: '{ product(id: "1") { supplier { name } } }',
      code: 'DEPTH_LIMIT_EXCEEDED',
      limit: 2,
      measured: 3,
    },
    {
      name: 'aliases',
      env: { MAX_ALIASES: '1' },
      query: '{ a: product(id: "1") { id } b: product(id: "2") { id } }',
      code: 'ALIAS_LIMIT_EXCEEDED',
      limit: 1,
      measured: 2,
    },
    {
      name: 'root fields',
      env: { MAX_ROOT_FIELDS: '2' },
      query: '{ tags categories { id } users { id } }',
      code: 'ROOT_FIELD_LIMIT_EXCEEDED',
      limit: 2,
      measured: 3,
    },
    {
      name: 'tokens',
      env: { MAX_TOKENS: '10' },
      query: '{ product(id: "1") { id name price } }',
      code: 'TOKEN_LIMIT_EXCEEDED',
      limit: 10,
      measured: 11,
    },
  ];
  for (const c of cases) {
    it(`refuses an operation over the ${c.name} limit with ${c.code}, HTTP 400, and no subgraph call`, async () => {
      const gateway = await stack(c.env);
      const before = gateway.subgraphCalls();
      const response = await gateway.run(c.query);
      expect(response.status).toBe(400);
      expect(response.errors).toEqual([
        expect.objectContaining({ extensions: { code: c.code, limit: c.limit, measured: c.measured } }),
      ]);
      expect(response.data).toBeUndefined();
      expect(gateway.subgraphCalls()).toBe(before);
    });
  }

  it('lets an operation within every limit through', async () => {
    const gateway = await stack({ MAX_DEPTH: '3', MAX_ALIASES: '2', MAX_ROOT_FIELDS: '2', MAX_TOKENS: '30' });
    const response = await gateway.run('{ a: product(id: "1") { b: name } tags }');
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ a: { b: 'Product 1' }, tags: ['a'] });
  });

  it("answers TOKEN_LIMIT_EXCEEDED in place of the parser's error when parsing stops at MAX_TOKENS", async () => {
    const gateway = await stack({ MAX_TOKENS: '50' });
    const response = await gateway.run(`{ ${'tags '.repeat(100)}}`);
    expect(response.status).toBe(400);
    expect(response.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'TOKEN_LIMIT_EXCEEDED', limit: 50, measured: 51 } }),
    ]);
  });
});

describe('cost', () => {
  it('reports requested and actual cost in extensions.cost', async () => {
    const gateway = await stack({ BUDGETS_ENABLED: 'false' });
    const response = await gateway.run('query ($n: Int) { products(first: $n) { name price } }', {
      variables: { n: 5 },
    });
    expect(response.errors).toBeUndefined();
    // 5 × (Product 1 + price @cost 5) estimated; 2 products returned
    expect(response.extensions?.cost).toEqual({ requested: 30, limit: 1000, actual: 12 });
  });

  it('sizes connections and uses assumed sizes', async () => {
    const gateway = await stack({ BUDGETS_ENABLED: 'false' });
    const response = await gateway.run('{ productConnection(first: 4) { edges { node { price } } } }');
    expect(response.extensions?.cost).toEqual({ requested: 1 + 4 * 7, limit: 1000, actual: 1 + 7 });
  });

  it('refuses an operation over maxCost before any subgraph call, naming the limit and the cost', async () => {
    const gateway = await stack({ MAX_QUERY_COST: '100', BUDGETS_ENABLED: 'false' });
    const before = gateway.subgraphCalls();
    const response = await gateway.run('query ($n: Int) { products(first: $n) { price } }', { variables: { n: 50 } });
    expect(response.status).toBe(400);
    expect(response.errors).toEqual([
      expect.objectContaining({
        extensions: {
          code: 'COST_LIMIT_EXCEEDED',
          limit: 100,
          measured: 300,
          topCoordinates: [
            { coordinate: 'Product.price', cost: 250 },
            { coordinate: 'Query.products', cost: 50 },
          ],
        },
      }),
    ]);
    expect(response.extensions?.cost).toEqual({ requested: 300, limit: 100 });
    expect(gateway.subgraphCalls()).toBe(before);
    // The same document with a small variable is estimated again, not served from the cache.
    const small = await gateway.run('query ($n: Int) { products(first: $n) { price } }', { variables: { n: 2 } });
    expect(small.errors).toBeUndefined();
    expect(small.extensions?.cost).toMatchObject({ requested: 12 });
  });

  it('requires a slicing argument where @listSize asks for one', async () => {
    const gateway = await stack({ BUDGETS_ENABLED: 'false' });
    const before = gateway.subgraphCalls();
    const response = await gateway.run('{ productsStrict { id } }');
    expect(code(response)).toBe('LIST_SIZE_ARGUMENT_REQUIRED');
    expect(gateway.subgraphCalls()).toBe(before);
  });

  it('shows the cost on responses refused by another limit', async () => {
    const gateway = await stack({ MAX_DEPTH: '1', BUDGETS_ENABLED: 'false' });
    const response = await gateway.run('{ product(id: "1") { price } }');
    expect(code(response)).toBe('DEPTH_LIMIT_EXCEEDED');
    expect(response.extensions?.cost).toEqual({ requested: 6, limit: 1000 });
  });
});

describe('budgets', () => {
  it('refunds what an operation did not use', async () => {
    const gateway = await stack({ BUDGET_CAPACITY: '50', BUDGET_REFILL_PER_SECOND: '0.001', MAX_QUERY_COST: '50' });
    const headers = { 'apollographql-client-name': `web-${randomUUID()}` };
    const response = await gateway.run('query ($n: Int) { products(first: $n) { id } }', {
      variables: { n: 40 },
      headers,
    });
    expect(response.errors).toBeUndefined();
    // 40 taken, 38 refunded (2 products returned): 48 left
    expect(response.extensions?.cost).toEqual({
      requested: 40,
      limit: 50,
      actual: 2,
      budget: { remaining: 48, capacity: 50, refillPerSecond: 0.001 },
    });
  });

  it('throttles a client whose bucket cannot pay, with HTTP 429 and Retry-After, without calling subgraphs', async () => {
    const gateway = await stack({ BUDGET_CAPACITY: '50', BUDGET_REFILL_PER_SECOND: '1', MAX_QUERY_COST: '50' });
    const headers = { 'apollographql-client-name': `web-${randomUUID()}` };
    // A mutation root field costs 10, and its actual cost is the same: nothing is refunded.
    const mutation = 'mutation { renameProduct(id: "1", name: "x") { id } }';
    for (let i = 0; i < 5; i += 1) {
      const paid = await gateway.run(mutation, { headers });
      expect(paid.errors).toBeUndefined();
    }
    const before = gateway.subgraphCalls();
    const throttled = await gateway.run(mutation, { headers });
    expect(throttled.status).toBe(429);
    expect(throttled.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'THROTTLED' }) }),
    ]);
    const retryAfter = Number(throttled.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(9);
    expect(retryAfter).toBeLessThanOrEqual(10);
    expect(throttled.extensions?.cost).toEqual({
      requested: 10,
      limit: 50,
      budget: { remaining: 0, capacity: 50, refillPerSecond: 1 },
    });
    expect(gateway.subgraphCalls()).toBe(before);
    expect((await gateway.metrics.throttled.get()).values[0]?.value).toBe(1);

    // Naming itself differently does not give the same caller a fresh budget; the message shows no budget key.
    const renamed = await gateway.run(mutation, { headers: { 'apollographql-client-name': `other-${randomUUID()}` } });
    expect(renamed.status).toBe(429);
    expect(renamed.errors?.[0]?.message).not.toMatch(/address:|header:|client:|subject:|127\.0\.0\.1/);
    const otherCaller = await gateway.run(mutation, { headers, address: '192.0.2.7' });
    expect(otherCaller.errors).toBeUndefined();
  });

  it('lets requests through when the budget store fails', async () => {
    const failing: BudgetStore = {
      take: () => Promise.reject(new Error('store down')),
      refund: () => Promise.reject(new Error('store down')),
      close: () => Promise.resolve(),
    };
    const gateway = await stack({}, { budgetStore: failing });
    const response = await gateway.run('{ products(first: 1) { id } }');
    expect(response.errors).toBeUndefined();
    expect(response.extensions?.cost).toEqual({ requested: 1, limit: 1000, actual: 1 });
  });

  it('does not charge an operation another policy refused', async () => {
    const gateway = await stack({
      BUDGET_CAPACITY: '20',
      MAX_QUERY_COST: '20',
      MAX_ALIASES: '1',
      BUDGET_REFILL_PER_SECOND: '0.001',
    });
    const headers = { 'apollographql-client-name': `web-${randomUUID()}` };
    const refused = await gateway.run('{ a: products(first: 10) { id } b: products(first: 9) { id } }', { headers });
    expect(code(refused)).toBe('ALIAS_LIMIT_EXCEEDED');
    const response = await gateway.run('{ products(first: 19) { id } }', { headers });
    expect(response.errors).toBeUndefined();
    expect(response.extensions?.cost).toMatchObject({ budget: { remaining: 18 } });
  });
});

const redisMissing = process.env.CI ? undefined : await probeRedis();
if (redisMissing) console.warn(`Skipping shared Redis budget test: ${redisMissing}`);

async function probeRedis(): Promise<string | undefined> {
  const redis = new Redis('redis://127.0.0.1:6379', {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch (error) {
    return `Redis unreachable at 127.0.0.1:6379: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    redis.disconnect();
  }
}

describe.skipIf(Boolean(redisMissing))('budgets shared through Redis', () => {
  it('makes two gateways spend one budget', async () => {
    const keyPrefix = `test:${randomUUID()}:`;
    const shape = { capacity: 30, refillPerSecond: 0.001 };
    const env = { BUDGET_CAPACITY: '30', BUDGET_REFILL_PER_SECOND: '0.001', MAX_QUERY_COST: '30' };
    const one = await stack(env, {
      budgetStore: createRedisBudgetStore({ ...shape, redis: 'redis://127.0.0.1:6379', keyPrefix }),
    });
    const two = await stack(env, {
      budgetStore: createRedisBudgetStore({ ...shape, redis: 'redis://127.0.0.1:6379', keyPrefix }),
    });
    const headers = { 'apollographql-client-name': 'shared' };
    const spend = await one.run('{ products(first: 20) { id } }', { headers });
    expect(spend.extensions?.cost).toMatchObject({ budget: { remaining: 28 } });
    const refused = await two.run('{ products(first: 29) { id } }', { headers });
    expect(refused.status).toBe(429);
    expect(refused.extensions?.cost).toMatchObject({ budget: { remaining: 28 } });
  });
});

describe('authorization', () => {
  const SECRET = 'a-shared-secret-of-at-least-32-characters!';
  const bearer = async (scope: string) => ({
    authorization: `Bearer ${await new SignJWT({ scope }).setProtectedHeader({ alg: 'HS256' }).setSubject('u1').setExpirationTime('5m').sign(new TextEncoder().encode(SECRET))}`,
  });

  it('filters fields the caller may not see: null, an error per path, and the subgraph never asked', async () => {
    const gateway = await stack({ JWT_SECRET: SECRET, BUDGETS_ENABLED: 'false' });
    const start = subgraphs.catalog.queries.length;
    const response = await gateway.run('{ products(first: 2) { name cost } me { name } }');
    expect(response.status).toBeUndefined();
    expect(response.data).toEqual({
      products: [
        { name: 'Product 1', cost: null },
        { name: 'Product 2', cost: null },
      ],
      me: null,
    });
    expect(response.errors).toEqual([
      expect.objectContaining({
        path: ['products', 0, 'cost'],
        extensions: expect.objectContaining({ code: 'UNAUTHORIZED_FIELD_OR_TYPE' }),
      }),
      expect.objectContaining({ path: ['products', 1, 'cost'] }),
      expect.objectContaining({ path: ['me'], extensions: expect.objectContaining({ coordinate: 'Query.me' }) }),
    ]);
    const sent = subgraphs.catalog.queries.slice(start);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.join('\n')).not.toMatch(/\bcost\b/);
    // The errors the filter adds after execution are counted by code like every other error.
    const counted = (await gateway.metrics.errors.get()).values.find(
      (v) => v.labels.code === 'UNAUTHORIZED_FIELD_OR_TYPE',
    );
    expect(counted?.value).toBe(3);
    const outcomes = (await gateway.metrics.requests.get()).values.map((v) => [v.labels.outcome, v.value]);
    expect(outcomes).toEqual([['partial', 1]]);
  });

  it('serves the same document whole to a caller with the scopes (plans are not shared across scope sets)', async () => {
    const gateway = await stack({ JWT_SECRET: SECRET, BUDGETS_ENABLED: 'false' });
    const query = '{ products(first: 1) { name cost } me { name } }';
    const anonymous = await gateway.run(query);
    expect(anonymous.data).toEqual({ products: [{ name: 'Product 1', cost: null }], me: null });
    const admin = await gateway.run(query, { headers: await bearer('catalog:admin') });
    expect(admin.errors).toBeUndefined();
    expect(admin.data).toEqual({ products: [{ name: 'Product 1', cost: 4 }], me: { name: 'Ada' } });
    const partial = await gateway.run(query, { headers: await bearer('finance:read') });
    expect(partial.data).toEqual({ products: [{ name: 'Product 1', cost: null }], me: { name: 'Ada' } });
    const both = await gateway.run(query, { headers: await bearer('finance:read catalog:read') });
    expect(both.data).toEqual({ products: [{ name: 'Product 1', cost: 4 }], me: { name: 'Ada' } });
  });

  it('nulls the nearest nullable ancestor of a non-null forbidden field', async () => {
    const gateway = await stack({ BUDGETS_ENABLED: 'false' });
    const response = await gateway.run('{ product(id: "1") { name internalNote } tags }');
    expect(response.data).toEqual({ product: null, tags: ['a'] });
    expect(response.errors).toEqual([expect.objectContaining({ path: ['product', 'internalNote'] })]);
  });

  it('removes a fragment on a forbidden type and reports it at the object it applied to', async () => {
    const gateway = await stack({ BUDGETS_ENABLED: 'false' });
    const response = await gateway.run('{ search { ... on Product { name } ... on Supplier { name } } }');
    expect(response.data).toEqual({ search: [{ name: 'Product 1' }, {}] });
    expect(response.errors).toEqual([
      expect.objectContaining({
        path: ['search', 1],
        extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', coordinate: 'Supplier' },
      }),
    ]);
  });

  it('accepts variables that only removed fields used', async () => {
    const gateway = await stack({ BUDGETS_ENABLED: 'false' });
    const response = await gateway.run('query ($e: Boolean!) { users { name email @include(if: $e) } }', {
      variables: { e: true },
    });
    expect(response.data).toEqual({ users: [{ name: 'Ada', email: null }] });
    expect(response.errors).toEqual([expect.objectContaining({ path: ['users', 0, 'email'] })]);
  });

  it('honours API key scopes', async () => {
    const apiKeys = JSON.stringify([{ key: 'k_0123456789abcdef', client: 'ops', scopes: ['users:email'] }]);
    const gateway = await stack({ API_KEYS: apiKeys, BUDGETS_ENABLED: 'false' });
    const withKey = await gateway.run('{ users { email } }', { headers: { 'x-api-key': 'k_0123456789abcdef' } });
    expect(withKey.data).toEqual({ users: [{ email: 'a@x' }] });
    const without = await gateway.run('{ users { email } }');
    expect(without.data).toEqual({ users: [{ email: null }] });
  });

  it('refuses the whole operation in reject mode, with every forbidden path, HTTP 403 and no subgraph call', async () => {
    const gateway = await stack({ AUTHORIZATION_MODE: 'reject', BUDGETS_ENABLED: 'false' });
    const before = gateway.subgraphCalls();
    const response = await gateway.run('{ products(first: 2) { name cost } me { name } }');
    expect(response.status).toBe(403);
    expect(response.data).toBeUndefined();
    expect(response.errors).toEqual([
      expect.objectContaining({
        path: ['products', 'cost'],
        extensions: expect.objectContaining({ code: 'UNAUTHORIZED_FIELD_OR_TYPE' }),
      }),
      expect.objectContaining({ path: ['me'] }),
    ]);
    expect(gateway.subgraphCalls()).toBe(before);
    const allowed = await gateway.run('{ products(first: 1) { name } }');
    expect(allowed.errors).toBeUndefined();
  });
});
