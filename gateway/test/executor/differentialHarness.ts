import { Supergraph } from '@apollo/federation-internals';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, type GraphQLSchema, parse } from 'graphql';
import { MockAgent } from 'undici';
import { composeSupergraph, startGateway, type TestGateway } from '../harness';
import type { CorpusGraph, CorpusQuery } from './corpusHelpers';

/** One corpus graph served twice, by a gateway on each executor, over the same in-process subgraphs. */
export interface DifferentialPair {
  stock: TestGateway;
  ours: TestGateway;
  /** The API schema clients see (for the randomised queries). */
  apiSchema: GraphQLSchema;
  /** Runs `query` on each gateway, each from fresh subgraph state; the two response bodies as JSON text. */
  run(query: CorpusQuery): Promise<{ stock: string; ours: string }>;
  close(): Promise<void>;
}

// Limits out of the way: the corpus compares execution, not policy (both gateways would refuse alike).
const RELAXED = {
  MAX_QUERY_COST: '100000000',
  BUDGETS_ENABLED: 'false',
  MAX_DEPTH: '100',
  MAX_ALIASES: '1000',
  MAX_ROOT_FIELDS: '1000',
  SUBGRAPH_DEDUPLICATION: 'false',
};

/**
 * Starts the pair for `graph`: its subgraphs built with `buildSubgraphSchema` and executed in-process behind an
 * undici `MockAgent`, so every fetch still goes through the gateway's `SubgraphDataSource`. Each answer waits for
 * the next macrotask, so parallel fetches finish in the order they were sent under both executors.
 */
export async function startDifferentialPair(graph: CorpusGraph): Promise<DifferentialPair> {
  const definitions = graph.subgraphs.map((subgraph) => ({
    ...subgraph,
    url: `http://${subgraph.name}.corpus.test/graphql`,
  }));
  let state: unknown = graph.state?.();
  const agent = new MockAgent();
  agent.disableNetConnect();
  for (const definition of definitions) {
    const schema = buildSubgraphSchema({ typeDefs: parse(definition.typeDefs), resolvers: definition.resolvers });
    agent
      .get(new URL(definition.url).origin)
      .intercept({ path: '/graphql', method: 'POST' })
      .reply(
        200,
        async (options) => {
          const { query, variables } = JSON.parse(String(options.body)) as {
            query: string;
            variables?: Record<string, unknown>;
          };
          await new Promise((resolve) => setImmediate(resolve));
          const result = await execute({
            schema,
            document: parse(query),
            variableValues: variables,
            contextValue: state,
          });
          return JSON.stringify(result);
        },
        { headers: { 'content-type': 'application/json' } },
      )
      .persist();
  }
  const apiSchema = Supergraph.build(composeSupergraph(definitions)).apiSchema().toGraphQLJSSchema();
  const stock = await startGateway(definitions, { ...RELAXED, GATEWAY_EXECUTOR: 'apollo' }, { dispatcher: agent });
  const ours = await startGateway(definitions, { ...RELAXED, GATEWAY_EXECUTOR: 'switchyard' }, { dispatcher: agent });
  const text = async (gateway: TestGateway, { query, variables, operationName }: CorpusQuery) => {
    state = graph.state?.();
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables, operationName }),
    });
    return `HTTP ${response.status}\n${JSON.stringify(await response.json(), null, 1)}`;
  };
  return {
    stock,
    ours,
    apiSchema,
    async run(query) {
      return { stock: await text(stock, query), ours: await text(ours, query) };
    },
    async close() {
      await Promise.all([stock.close(), ours.close()]);
      await agent.close();
    },
  };
}
