import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PolicyStack, type RecordingSubgraph, startPolicyStack, startSubgraphs } from '../testing/policyStack';
import { type FakeRegistry, startFakeRegistry } from './testing/fakeRegistry';
import { createUsageRecorder, type UsageRecorder } from './usageRecorder';

const SECRET = 'usage-under-policy-secret-0123456789abcdef';
let subgraphs: { catalog: RecordingSubgraph; accounts: RecordingSubgraph; supergraphSdl: string };
let registry: FakeRegistry;
const stacks: PolicyStack[] = [];

beforeAll(async () => {
  subgraphs = await startSubgraphs();
  registry = await startFakeRegistry();
});
afterAll(async () => {
  await Promise.all(stacks.map((s) => s.stop()));
  await Promise.all([subgraphs.catalog.stop(), subgraphs.accounts.stop(), registry.close()]);
});

/** A policy stack whose pipeline records usage, as the gateway's does. */
async function stackWithUsage(
  env: Record<string, string>,
): Promise<{ gateway: PolicyStack; usage: () => UsageRecorder }> {
  let recorder: UsageRecorder | undefined;
  const gateway = await startPolicyStack(subgraphs, env, {
    usage: (getSupergraph) => {
      recorder = createUsageRecorder({
        registryUrl: registry.url,
        graph: 'shop',
        variant: 'prod',
        getSupergraph,
        intervalMs: 60_000,
      });
      return recorder;
    },
  });
  stacks.push(gateway);
  return { gateway, usage: () => recorder as UsageRecorder };
}

const bearer = async (scope: string) =>
  `Bearer ${await new SignJWT({ scope })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('finance-1')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(SECRET))}`;

describe('usage under the policies', () => {
  it('records what the client sent: callers with different rights share one signature and every requested field', async () => {
    registry.reports.length = 0;
    const { gateway, usage } = await stackWithUsage({ JWT_SECRET: SECRET, BUDGETS_ENABLED: 'false' });
    const query = 'query Costs { products(first: 1) { id cost } }';
    const anonymous = await gateway.run(query, { headers: { 'apollographql-client-name': 'web' } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    const admin = await gateway.run(query, {
      headers: { 'apollographql-client-name': 'ops', authorization: await bearer('catalog:admin') },
    });
    expect(admin.errors).toBeUndefined();
    await usage().reporter.flush();

    const operations = registry.reports.flatMap((report) => report.operations);
    expect(operations.map((op) => op.name)).toEqual(['Costs']);
    expect(operations[0]?.coordinates).toEqual(
      expect.arrayContaining(['Product.cost', 'Product.id', 'Query.products']),
    );
    // The anonymous caller's authorization error is counted from the final response.
    expect(operations[0]?.clients).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'web', count: 1, errors: 1 }),
        expect.objectContaining({ name: 'ops', count: 1, errors: 0 }),
      ]),
    );
  });

  it('counts a throttled burst as refused, with no field usage', async () => {
    registry.reports.length = 0;
    const { gateway, usage } = await stackWithUsage({
      BUDGET_CAPACITY: '20',
      MAX_QUERY_COST: '20',
      BUDGET_REFILL_PER_SECOND: '0.001',
    });
    // A mutation root field costs 10 and uses all of it: two are paid, the rest throttled.
    const mutation = 'mutation Rename { renameProduct(id: "1", name: "x") { id } }';
    const statuses: (number | undefined)[] = [];
    for (let i = 0; i < 5; i += 1) {
      statuses.push((await gateway.run(mutation, { headers: { 'apollographql-client-name': 'burst' } })).status);
    }
    expect(statuses.map((status) => status ?? 200)).toEqual([200, 200, 429, 429, 429]);
    await usage().reporter.flush();

    const operations = registry.reports.flatMap((report) => report.operations);
    const rename = operations.find((op) => op.name === 'Rename');
    const refused = operations.find((op) => op.name === '## Refused: THROTTLED');
    expect(rename?.clients).toEqual([expect.objectContaining({ name: 'burst', count: 2, errors: 0 })]);
    expect(refused).toMatchObject({
      coordinates: [],
      clients: [expect.objectContaining({ name: 'burst', count: 3, errors: 3 })],
    });
  });
});
