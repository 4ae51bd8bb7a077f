import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeRegistry, startFakeRegistry } from '../src/plugins/usageReporting/testing/fakeRegistry';
import { productsSubgraph } from './fixtures';
import { startGateway, startSubgraph, type TestGateway, type TestSubgraph } from './harness';

const PRODUCTS = 'query Products { products { name } }';
const ios = { 'apollographql-client-name': 'ios', 'apollographql-client-version': '4.2.0' };

/** `flushUsage` sends the usage counted so far without waiting for the report interval, and keeps serving. */
describe('flushUsage', () => {
  let subgraph: TestSubgraph;
  let registry: FakeRegistry;
  let gw: TestGateway;

  beforeAll(async () => {
    subgraph = await startSubgraph(productsSubgraph());
    registry = await startFakeRegistry();
    gw = await startGateway([subgraph], {
      USAGE_REGISTRY_URL: registry.url,
      GRAPH: 'shop',
      // Far past the test: only a flush sends.
      USAGE_REPORT_INTERVAL_MS: '600000',
    });
  });
  afterAll(async () => {
    await gw?.close();
    await registry?.close();
    await subgraph?.stop();
  });

  it('has the registry hold every request answered before it, once it resolves', async () => {
    for (let i = 0; i < 2; i++) expect((await gw.query(PRODUCTS, { headers: ios })).status).toBe(200);
    await gw.gateway.flushUsage();
    const counted = () =>
      registry.reports
        .flatMap((report) => report.operations)
        .filter((operation) => operation.name === 'Products')
        .flatMap((operation) => operation.clients.map((client) => [client.name, client.version, client.count]));
    expect(counted()).toEqual([['ios', '4.2.0', 2]]);

    expect((await gw.query(PRODUCTS, { headers: ios })).status).toBe(200);
    await gw.gateway.flushUsage();
    expect(counted()).toEqual([
      ['ios', '4.2.0', 2],
      ['ios', '4.2.0', 1],
    ]);
  });
});
