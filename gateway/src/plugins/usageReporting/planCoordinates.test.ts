import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlainSubgraphs } from '../testing/plainGraph';
import { type PolicyStack, type RecordingSubgraph, startPolicyStack } from '../testing/policyStack';
import { type FakeRegistry, startFakeRegistry } from './testing/fakeRegistry';
import { createUsageRecorder, type UsageRecorder } from './usageRecorder';

// The plain third-party-style graph: Store (stores) has a manager, a Person resolved by the people subgraph by key.
let subgraphs: { catalog: RecordingSubgraph; accounts: RecordingSubgraph; supergraphSdl: string };
let registry: FakeRegistry;
let gateway: PolicyStack;
let usage: UsageRecorder;

beforeAll(async () => {
  subgraphs = await startPlainSubgraphs();
  registry = await startFakeRegistry();
  gateway = await startPolicyStack(
    subgraphs,
    { BUDGETS_ENABLED: 'false' },
    {
      usage: (getSupergraph) => {
        usage = createUsageRecorder({ registryUrl: registry.url, graph: 'g', variant: 'prod', getSupergraph });
        return usage;
      },
    },
  );
});
afterAll(async () => {
  await gateway.stop();
  await Promise.all([subgraphs.catalog.stop(), subgraphs.accounts.stop(), registry.close()]);
});

describe('usage of what query plans read to join subgraphs', () => {
  it('counts the entity key the gateway selects for a join once per request, and not twice when also selected', async () => {
    registry.reports.length = 0;
    const client = { 'apollographql-client-name': 'web' };
    const joined = await gateway.run('query Managers { stores(first: 1) { name manager { name } } }', {
      headers: client,
    });
    expect(joined.errors).toBeUndefined();
    await gateway.run('query Managers { stores(first: 1) { name manager { name } } }', { headers: client });
    await gateway.run('query WithId { stores(first: 1) { manager { id name } } }', { headers: client });
    await usage.reporter.flush();

    const operations = registry.reports.flatMap((report) => report.operations);
    const managers = operations.find((op) => op.name === 'Managers');
    expect(managers?.coordinates).not.toContain('Person.id');
    expect(managers?.clients).toEqual([
      expect.objectContaining({ name: 'web', count: 2, variableCoordinates: { 'Person.id': 2 } }),
    ]);
    const withId = operations.find((op) => op.name === 'WithId');
    expect(withId?.coordinates).toContain('Person.id');
    expect(withId?.clients[0]?.variableCoordinates?.['Person.id']).toBeUndefined();
  });
});
