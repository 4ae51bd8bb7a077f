import { ApolloServer } from '@apollo/server';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { GatewayContext } from '../../context';
import { createMetrics } from '../../metrics';
import { createCostPlugin } from './plugin';

const typeDefs = /* GraphQL */ `
  type Query {
    item: Item
  }
  type Item {
    price: Int
  }
`;
const withWeight = (weight: number) => /* GraphQL */ `
  directive @cost(weight: Int!) on FIELD_DEFINITION
  type Query { item: Item }
  type Item { price: Int @cost(weight: ${weight}) }
`;

describe('createCostPlugin', () => {
  it('rebuilds its weights when the supergraph id changes (hot reload)', async () => {
    const supergraph = { sdl: withWeight(2), id: 'v1' };
    const metrics = createMetrics();
    const server = new ApolloServer<GatewayContext>({
      typeDefs,
      resolvers: { Query: { item: () => ({ price: 1 }) } },
      plugins: [
        createCostPlugin({
          config: { limits: { maxCost: 100, defaultListSize: 10, costMode: 'enforce', maxIntrospectionCost: 5000 } },
          getSupergraph: () => supergraph,
          metrics,
        }),
      ],
    });
    await server.start();
    const contextValue: GatewayContext = {
      requestId: 'r',
      logger: pino({ level: 'silent' }),
      identity: null,
      client: { id: 'anonymous', name: 'anonymous', version: '' },
      headers: {},
    };
    const costOf = async () => {
      const response = await server.executeOperation({ query: '{ item { price } }' }, { contextValue });
      return response.body.kind === 'single' ? response.body.singleResult.extensions?.cost : undefined;
    };
    expect(await costOf()).toEqual({ requested: 3, limit: 100, actual: 3 });
    supergraph.sdl = withWeight(7);
    expect(await costOf()).toEqual({ requested: 3, limit: 100, actual: 3 });
    supergraph.id = 'v2';
    expect(await costOf()).toEqual({ requested: 8, limit: 100, actual: 8 });
    expect(
      (await metrics.queryCost.get()).values.find((v) => v.metricName === 'switchyard_query_cost_count')?.value,
    ).toBe(3);
    await server.stop();
  });
});
