import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlainSubgraphs } from '../testing/plainGraph';
import { type PolicyStack, type RecordingSubgraph, startPolicyStack } from '../testing/policyStack';

// Every test runs on a third-party-style graph without @cost, @listSize or auth directives, with the gateway's
// defaults unless a test names a setting.
let subgraphs: { catalog: RecordingSubgraph; accounts: RecordingSubgraph; supergraphSdl: string };
const stacks: PolicyStack[] = [];
const stack = async (env: Record<string, string> = {}) => {
  const started = await startPolicyStack(subgraphs, env);
  stacks.push(started);
  return started;
};
let defaults: PolicyStack;
let caller = 0;
// Each request from its own address, so one test's budget spending never throttles another's.
const run = (gateway: PolicyStack, query: string, variables?: Record<string, unknown>) =>
  gateway.run(query, { variables, address: `10.0.0.${++caller}` });

beforeAll(async () => {
  subgraphs = await startPlainSubgraphs();
  defaults = await stack();
});
afterAll(async () => {
  await Promise.all(stacks.map((s) => s.stop()));
  await Promise.all([subgraphs.catalog.stop(), subgraphs.accounts.stop()]);
});

const fields = {
  store: 'id name city country phone email opened rating open manager { name }',
  department: 'id name code floor aisle description size open head { name }',
  product: 'id name sku price currency color weight inStock description',
  review: 'id title body stars helpful verified createdAt language product',
  comment: 'id text createdAt likes author { name }',
};
const threeLevels = `{ stores(first: 5) { ${fields.store} departments { ${fields.department} products { ${fields.product} } } } }`;
const fourLevels = `{ stores(first: 5) { ${fields.store} departments { ${fields.department} products { ${fields.product} reviews { ${fields.review} } } } } }`;
const fiveLevels = `{ stores(first: 5) { ${fields.store} departments { ${fields.department} products { ${fields.product} reviews { ${fields.review} comments { ${fields.comment} } } } } } }`;

const code = (response: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  response.errors?.[0]?.extensions?.code;

describe('cost defaults on a graph without demand-control directives', () => {
  it('answers three nested list levels under a first: 5 root, about ten fields each', async () => {
    const response = await run(defaults, threeLevels);
    expect(response.errors).toBeUndefined();
    expect(response.data).toMatchObject({
      stores: [{ name: 'Store 1', manager: { name: 'Ada' }, departments: [{ head: { name: 'Ada' } }, {}] }, {}],
    });
    // stores 5 × (store 1 + manager 1 + departments 5 × (department 1 + head 1 + products 5 × 1))
    expect(response.extensions?.cost).toMatchObject({ requested: 185, limit: 1000 });
  });

  it('answers a fourth level of ten fields under the same root', async () => {
    const response = await run(defaults, fourLevels);
    expect(response.errors).toBeUndefined();
    expect(response.extensions?.cost).toMatchObject({ requested: 810, limit: 1000 });
  });

  it('refuses five nested list levels before any subgraph call, naming the costliest fields', async () => {
    const before = defaults.subgraphCalls();
    const response = await run(defaults, fiveLevels);
    expect(response.status).toBe(400);
    expect(response.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('Comment.author (3125), Review.comments (3125), Product.reviews (625)'),
        extensions: {
          code: 'COST_LIMIT_EXCEEDED',
          limit: 1000,
          measured: 7060,
          topCoordinates: [
            { coordinate: 'Comment.author', cost: 3125 },
            { coordinate: 'Review.comments', cost: 3125 },
            { coordinate: 'Product.reviews', cost: 625 },
          ],
        },
      }),
    ]);
    expect(defaults.subgraphCalls()).toBe(before);
  });

  it('keeps refusing the depth and alias bombs', async () => {
    const depthBomb = `{ department(id: "1") { ${'parent { '.repeat(20)}id${' }'.repeat(20)} } }`;
    const aliasBomb = `{ store(id: "1") { ${Array.from({ length: 100 }, (_, i) => `a${i}: name`).join(' ')} } }`;
    expect(code(await run(defaults, depthBomb))).toBe('DEPTH_LIMIT_EXCEEDED');
    expect(code(await run(defaults, aliasBomb))).toBe('ALIAS_LIMIT_EXCEEDED');
  });
});

describe('first, last and limit size lists without @listSize', () => {
  it('sizes a list by a literal or a variable first/limit, each variable value estimated on its own', async () => {
    const storesOf = (n: number) => run(defaults, `{ stores(first: ${n}) { id manager { name } } }`);
    expect((await storesOf(1)).extensions?.cost).toMatchObject({ requested: 2 });
    expect((await storesOf(40)).extensions?.cost).toMatchObject({ requested: 80 });
    const articles = 'query ($n: Int) { articles(limit: $n) { id } }';
    expect((await run(defaults, articles, { n: 3 })).extensions?.cost).toMatchObject({ requested: 3 });
    expect((await run(defaults, articles, { n: 700 })).extensions?.cost).toMatchObject({ requested: 700 });
    expect(code(await run(defaults, articles, { n: 1001 }))).toBe('COST_LIMIT_EXCEEDED');
    // Without an argument, the default list size (5).
    expect((await run(defaults, '{ articles { id } }')).extensions?.cost).toMatchObject({ requested: 5 });
  });

  it("sizes a Relay connection's edges by the connection's first", async () => {
    const response = await run(
      defaults,
      '{ storeConnection(first: 30) { edges { cursor node { name } } pageInfo { hasNextPage } } }',
    );
    expect(response.errors).toBeUndefined();
    // connection 1 + edges 30 × (edge 1 + node 1) + pageInfo 1
    expect(response.extensions?.cost).toMatchObject({ requested: 62 });
  });
});

describe('COST_MODE', () => {
  it('measure reports the cost of an operation over the limit and answers it', async () => {
    const gateway = await stack({ COST_MODE: 'measure' });
    const response = await run(gateway, fiveLevels);
    expect(response.errors).toBeUndefined();
    expect(response.data).toMatchObject({ stores: [{ name: 'Store 1' }, { name: 'Store 2' }] });
    expect(response.extensions?.cost).toMatchObject({ requested: 7060, limit: 1000, mode: 'measure' });
  });

  it('refuses a config with an unknown mode', async () => {
    await expect(stack({ COST_MODE: 'warn' })).rejects.toThrow(/COST_MODE/);
  });
});

describe('introspection', () => {
  it("answers graphql-js's getIntrospectionQuery with the defaults, priced apart from the data", async () => {
    const query = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
    });
    const response = await run(defaults, query);
    expect(response.errors).toBeUndefined();
    expect(response.data).toMatchObject({
      __schema: { types: expect.arrayContaining([expect.objectContaining({ name: 'Store' })]) },
    });
    expect(response.extensions?.cost).toMatchObject({ requested: 0, introspection: { requested: 2739, limit: 5000 } });
  });

  it('refuses an introspection operation over its own limit (the schema twice)', async () => {
    // graphql-js already refuses lists of types nested three deep (MaxIntrospectionDepthRule); this one is wide.
    const twice = getIntrospectionQuery().replace('types {', 'again: types { ...FullType } types {');
    const before = defaults.subgraphCalls();
    const response = await run(defaults, twice);
    expect(response.status).toBe(400);
    expect(response.errors).toEqual([
      expect.objectContaining({
        extensions: { code: 'COST_LIMIT_EXCEEDED', limit: 5000, measured: 5194, introspection: true },
      }),
    ]);
    expect(defaults.subgraphCalls()).toBe(before);
  });

  it('INTROSPECTION=false refuses __schema and __type with INTROSPECTION_DISABLED and keeps __typename', async () => {
    const gateway = await stack({ INTROSPECTION: 'false' });
    for (const query of [
      getIntrospectionQuery(),
      '{ __type(name: "Store") { name } }',
      '{ stores(first: 1) { id } ...F } fragment F on Query { __schema { queryType { name } } }',
    ]) {
      const response = await run(gateway, query);
      expect(response.status).toBe(400);
      expect(code(response)).toBe('INTROSPECTION_DISABLED');
    }
    const typename = await run(gateway, '{ __typename stores(first: 1) { __typename id } }');
    expect(typename.errors).toBeUndefined();
    expect(typename.data).toEqual({ __typename: 'Query', stores: [{ __typename: 'Store', id: 's1' }] });
  });
});
