import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeRegistry, startFakeRegistry } from '../src/plugins/usageReporting/testing/fakeRegistry';
import { productsSubgraph, reviewsSubgraph } from './fixtures';
import { startGateway, startSubgraph, type TestGateway, type TestSubgraph } from './harness';

const WITH_REVIEWS = '{ products { id reviewCount } }';
const PRODUCTS_ONLY = '{ products { name } }';

/** The usage a gateway reports counts the fetches its query plans sent to each subgraph, per operation and client. */
describe('subgraph fetches in usage reports', () => {
  let subgraphs: TestSubgraph[];
  let registry: FakeRegistry;
  let gw: TestGateway;

  beforeAll(async () => {
    subgraphs = [await startSubgraph(productsSubgraph()), await startSubgraph(reviewsSubgraph())];
    registry = await startFakeRegistry();
    gw = await startGateway(subgraphs, {
      USAGE_REGISTRY_URL: registry.url,
      GRAPH: 'shop',
      USAGE_REPORT_INTERVAL_MS: '60000',
      // Every fetch is sent, so the subgraphs' own request counts are the plans' fetches.
      SUBGRAPH_DEDUPLICATION: 'false',
    });
  });
  afterAll(async () => {
    await registry?.close();
    await Promise.all((subgraphs ?? []).map((subgraph) => subgraph.stop()));
  });

  it('counts one fetch to each subgraph for a query with an entity hop, and one for a single-subgraph query', async () => {
    const ios = { 'apollographql-client-name': 'ios', 'apollographql-client-version': '4.2.0' };
    const web = { 'apollographql-client-name': 'web', 'apollographql-client-version': '1.0.0' };
    for (const headers of [ios, ios, web])
      expect((await gw.query(WITH_REVIEWS, { headers })).body.errors).toBeUndefined();
    expect((await gw.query(PRODUCTS_ONLY, { headers: web })).body.errors).toBeUndefined();
    const received = Object.fromEntries(subgraphs.map((subgraph) => [subgraph.name, subgraph.received.length]));
    await gw.close();

    const operations = registry.reports.flatMap((report) => report.operations);
    const clientsOf = (document: string) =>
      operations
        .filter((operation) => operation.document.replace(/\s+/g, '') === document.replace(/\s+/g, ''))
        .flatMap((operation) => operation.clients);
    const fetchesOf = (document: string) =>
      Object.fromEntries(
        clientsOf(document).map((client) => [
          client.name,
          Object.fromEntries(
            Object.entries(client.subgraphFetches ?? {}).map(([subgraph, fetch]) => [
              subgraph,
              { fetches: fetch.fetches, errors: fetch.errors, timed: fetch.latencyHistogram.reduce((a, b) => a + b) },
            ]),
          ),
        ]),
      );
    // The plan of WITH_REVIEWS: products' root fetch, then one _entities fetch to reviews.
    expect(fetchesOf(WITH_REVIEWS)).toEqual({
      ios: { products: { fetches: 2, errors: 0, timed: 2 }, reviews: { fetches: 2, errors: 0, timed: 2 } },
      web: { products: { fetches: 1, errors: 0, timed: 1 }, reviews: { fetches: 1, errors: 0, timed: 1 } },
    });
    expect(fetchesOf(PRODUCTS_ONLY)).toEqual({ web: { products: { fetches: 1, errors: 0, timed: 1 } } });
    // What the subgraphs received is what was counted.
    expect(received).toEqual({ products: 4, reviews: 3 });
  });

  it('counts a failed fetch as an error', async () => {
    const down = await startSubgraph(reviewsSubgraph());
    const products = await startSubgraph(productsSubgraph());
    const failing = await startFakeRegistry();
    const gateway = await startGateway([products, down], {
      USAGE_REGISTRY_URL: failing.url,
      GRAPH: 'shop',
      USAGE_REPORT_INTERVAL_MS: '60000',
    });
    await down.stop();
    const answer = await gateway.query(WITH_REVIEWS);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    await gateway.close();
    const client = failing.reports.flatMap((report) => report.operations).flatMap((operation) => operation.clients)[0];
    expect(client?.subgraphFetches?.reviews).toMatchObject({ fetches: 1, errors: 1 });
    expect(client?.subgraphFetches?.products).toMatchObject({ fetches: 1, errors: 0 });
    await failing.close();
    await products.stop();
  });
});
