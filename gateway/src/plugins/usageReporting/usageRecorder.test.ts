import { ApolloServer } from '@apollo/server';
import { parse } from 'graphql';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import type { GatewayContext } from '../../context';
import { createMetrics } from '../../metrics';
import { createRequestPipeline } from '../../pipeline/requestPipeline';
import { followSupergraph } from '../../supergraph/supergraphModel';
import { type FakeRegistry, startFakeRegistry } from './testing/fakeRegistry';
import { usageSupergraph } from './testing/usageFixtures';
import { createUsageRecorder } from './usageRecorder';

const supergraph = usageSupergraph();
const queryFields = supergraph.apiSchema.getQueryType()?.getFields();
if (queryFields?.product && queryFields.products) {
  queryFields.product.resolve = () => {
    throw new Error('boom');
  };
  queryFields.products.resolve = () => [];
}

function contextFor(name: string, version: string): GatewayContext {
  return {
    requestId: 'r',
    logger: pino({ level: 'silent' }),
    identity: null,
    client: { id: name, name, version },
    headers: {},
  };
}

describe('createUsageRecorder', () => {
  let registry: FakeRegistry;
  beforeEach(async () => {
    registry = await startFakeRegistry();
  });
  afterEach(async () => registry.close());

  async function serve(getSupergraph: () => { id: string; sdl: string }) {
    const usage = createUsageRecorder({
      registryUrl: registry.url,
      graph: 'shop',
      variant: 'prod',
      getSupergraph,
      intervalMs: 60_000,
    });
    const pipeline = createRequestPipeline({
      config: loadConfig({ SUPERGRAPH: 'supergraph.graphql', BUDGETS_ENABLED: 'false' }),
      metrics: createMetrics(),
      logger: pino({ level: 'silent' }),
      getModel: followSupergraph(getSupergraph),
      usage,
    });
    const server = new ApolloServer<GatewayContext>({ schema: supergraph.apiSchema, plugins: [pipeline] });
    await server.start();
    return server;
  }

  it('reports each operation once per signature with coordinates, subgraphs and exact counts per client version', async () => {
    const server = await serve(() => supergraph);
    const run = (query: string, client: [string, string], variables?: Record<string, unknown>) =>
      server.executeOperation({ query, variables }, { contextValue: contextFor(...client) });
    await run('query Shop { products(first: 1) { id name } }', ['web', '1.0']);
    await run('query Shop {\n  products(first: 50) {\n    name\n    id\n  }\n}', ['web', '1.0']);
    await run('query Shop { products(first: 2) { id name } }', ['ios', '3.1']);
    await run('query Filtered($f: ProductFilter) { products(filter: $f) { reviews { stars } } }', ['web', '1.0'], {
      f: { color: 'RED' },
    });
    await run('query One { product(id: "1") { name } }', ['web', '1.0']);
    await run('query Broken { nope }', ['web', '1.0']);
    await run('query Broken { nope ', ['web', '1.0']);
    await run('query Broken { nope }', ['ios', '3.1']);
    await server.stop();

    expect(registry.reports).toHaveLength(1);
    const operations = registry.reports[0]?.operations ?? [];
    expect(operations.map((op) => op.name)).toEqual([
      'Shop',
      'Filtered',
      'One',
      '## GraphQLValidationFailure',
      '## GraphQLParseFailure',
    ]);
    expect(operations[3]).toMatchObject({
      coordinates: [],
      clients: [
        { name: 'web', count: 1, errors: 1 },
        { name: 'ios', count: 1, errors: 1 },
      ],
    });
    expect(operations[4]).toMatchObject({ clients: [{ name: 'web', count: 1, errors: 1 }] });
    const [shop, filtered, one] = operations;
    expect(shop).toMatchObject({
      type: 'query',
      document: 'query Shop{products(first:0){id name}}',
      coordinates: ['Product.id', 'Product.name', 'Query.products', 'Query.products(first:)'],
      subgraphs: ['products'],
      clients: [
        { name: 'web', version: '1.0', count: 2, errors: 0 },
        { name: 'ios', version: '3.1', count: 1, errors: 0 },
      ],
    });
    expect(filtered).toMatchObject({
      coordinates: ['Product.reviews', 'Query.products', 'Query.products(filter:)', 'Review.stars'],
      subgraphs: ['products', 'reviews'],
      clients: [{ name: 'web', count: 1, variableCoordinates: { 'ProductFilter.color': 1, 'Color.RED': 1 } }],
    });
    expect(one).toMatchObject({ clients: [{ name: 'web', count: 1, errors: 1 }] });
  });

  it('never throws when a request cannot be analysed', () => {
    const usage = createUsageRecorder({
      registryUrl: registry.url,
      graph: 'shop',
      variant: 'prod',
      getSupergraph: () => supergraph,
    });
    const broken = {
      hadQuery: true,
      parsed: true,
      sent: { document: parse('{ products { id } }'), queryHash: 'h', operationName: null, type: 'query' as const },
      executed: true,
      schema: supergraph.apiSchema,
      model: { id: 'broken', sdl: '', ownership: null } as never,
      variables: undefined,
      client: { id: 'web', name: 'web', version: '1' },
      errors: undefined,
      elapsedMs: 1,
    };
    expect(() => usage.record(broken)).not.toThrow();
  });
});
