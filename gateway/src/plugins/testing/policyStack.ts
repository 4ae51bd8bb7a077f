import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { type GraphQLFormattedError, type ParseOptions, parse } from 'graphql';
import { pino } from 'pino';
import { createAuthenticator, resolveClient } from '../../auth';
import { loadConfig } from '../../config';
import type { GatewayContext } from '../../context';
import { createMetrics, type GatewayMetrics } from '../../metrics';
import { createRequestPipeline } from '../../pipeline/requestPipeline';
import { followSupergraph } from '../../supergraph/supergraphModel';
import { prepareSupergraphForGateway } from '../authorization';
import type { BudgetStore } from '../budgets';
import { limitsParseOptions } from '../limits';
import type { UsageRecorder } from '../usageReporting';
import { notePlanCoordinates } from '../usageReporting/planCoordinates';
import { accountsSdl, catalogSdl, composeSupergraph } from './fixtures';

/** A subgraph on a free port that records the queries the gateway sends it. */
export interface RecordingSubgraph {
  url: string;
  queries: string[];
  stop(): Promise<void>;
}

export async function startSubgraph(
  typeDefs: string,
  resolvers: GraphQLResolverMap<unknown>,
): Promise<RecordingSubgraph> {
  const queries: string[] = [];
  const server = new ApolloServer({
    schema: buildSubgraphSchema({ typeDefs: parse(typeDefs), resolvers }),
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      {
        async requestDidStart({ request }) {
          queries.push(request.query ?? '');
        },
      },
    ],
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, queries, stop: () => server.stop() };
}

const product = (id: string) => ({
  id,
  name: `Product ${id}`,
  price: 10,
  cost: 4,
  internalNote: 'n',
  supplier: { id: 's1', name: 'S' },
});

/** Catalog resolvers: lists return min(first, 2) items, so actual cost stays below the estimate. */
const catalogResolvers: GraphQLResolverMap<unknown> = {
  Query: {
    products: (_: unknown, args: { first?: number }) => [product('1'), product('2')].slice(0, args.first ?? 2),
    productsStrict: () => [product('1')],
    productConnection: () => ({ edges: [{ node: product('1') }] }),
    tags: () => ['a'],
    categories: () => [{ id: 'c1', name: 'C' }],
    product: (_: unknown, args: { id: string }) => product(args.id),
    secretStats: () => ({ revenue: 1 }),
    search: () => [
      { __typename: 'Product', ...product('1') },
      { __typename: 'Supplier', id: 's1', name: 'S' },
    ],
  },
  SearchResult: { __resolveType: (value: { __typename: string }) => value.__typename },
  Mutation: { renameProduct: (_: unknown, args: { id: string }) => product(args.id) },
  Product: { __resolveReference: (ref: { id: string }) => product(ref.id) },
};

const accountsResolvers: GraphQLResolverMap<unknown> = {
  Query: {
    me: () => ({ id: 'u1', name: 'Ada', email: 'ada@example.test' }),
    users: () => [{ id: 'u1', name: 'Ada', email: 'a@x' }],
  },
  User: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, name: 'Ada', email: 'a@x' }) },
};

export interface PolicyStack {
  catalog: RecordingSubgraph;
  accounts: RecordingSubgraph;
  /** Runs an operation as a caller with these headers (authenticated like the gateway does). */
  run(
    query: string,
    options?: { variables?: Record<string, unknown>; headers?: Record<string, string>; address?: string },
  ): Promise<{
    status: number | undefined;
    headers: Map<string, string>;
    data?: unknown;
    errors?: readonly GraphQLFormattedError[];
    extensions?: Record<string, unknown>;
  }>;
  /** Subgraph requests so far, both subgraphs. */
  subgraphCalls(): number;
  metrics: GatewayMetrics;
  stop(): Promise<void>;
}

/** Subgraphs shared by the stacks of one test file (start with `startSubgraphs`). */
export async function startSubgraphs(): Promise<{
  catalog: RecordingSubgraph;
  accounts: RecordingSubgraph;
  supergraphSdl: string;
}> {
  const catalog = await startSubgraph(catalogSdl, catalogResolvers);
  const accounts = await startSubgraph(accountsSdl, accountsResolvers);
  const supergraphSdl = composeSupergraph([
    { name: 'catalog', sdl: catalogSdl, url: catalog.url },
    { name: 'accounts', sdl: accountsSdl, url: accounts.url },
  ]);
  return { catalog, accounts, supergraphSdl };
}

/**
 * An `ApolloServer` + `ApolloGateway` with the request pipeline, over the given subgraphs. `env` sets gateway
 * variables (`MAX_DEPTH`, `BUDGET_CAPACITY`, `API_KEYS`, `JWT_SECRET`, …).
 */
export async function startPolicyStack(
  subgraphs: { catalog: RecordingSubgraph; accounts: RecordingSubgraph; supergraphSdl: string },
  env: Record<string, string> = {},
  options: {
    budgetStore?: BudgetStore;
    parseOptions?: ParseOptions;
    /** Field usage, recorded by the pipeline as the gateway does. */
    usage?: (getSupergraph: () => { id: string; sdl: string }) => UsageRecorder;
    /** Plugins beside the pipeline. */
    plugins?: ApolloServerPlugin<GatewayContext>[];
  } = {},
): Promise<PolicyStack> {
  const config = loadConfig({ SUPERGRAPH: 'supergraph.graphql', LOG_LEVEL: 'silent', ...env });
  const supergraph = { sdl: subgraphs.supergraphSdl, id: 'test-supergraph' };
  const metrics = createMetrics();
  const server = new ApolloServer<GatewayContext>({
    gateway: new ApolloGateway({
      supergraphSdl: prepareSupergraphForGateway(supergraph.sdl),
      experimental_didResolveQueryPlan: notePlanCoordinates,
    }),
    parseOptions: options.parseOptions ?? limitsParseOptions(config.limits),
    plugins: [
      createRequestPipeline({
        config,
        metrics,
        logger: pino({ level: 'silent' }),
        getModel: followSupergraph(() => supergraph),
        budgetStore: options.budgetStore,
        usage: options.usage?.(() => supergraph),
      }),
      ...(options.plugins ?? []),
    ],
  });
  await server.start();
  const authenticator = createAuthenticator(config.auth);
  return {
    ...subgraphs,
    metrics,
    async run(query, options = {}) {
      const headers = options.headers ?? {};
      const identity = await authenticator.authenticate(headers);
      const contextValue: GatewayContext = {
        requestId: 'test',
        logger: pino({ level: 'silent' }),
        identity,
        client: resolveClient(headers, identity, options.address ?? '127.0.0.1'),
        headers,
      };
      const response = await server.executeOperation({ query, variables: options.variables }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      const { data, errors, extensions } = response.body.singleResult;
      return { status: response.http.status, headers: new Map(response.http.headers), data, errors, extensions };
    },
    subgraphCalls: () => subgraphs.catalog.queries.length + subgraphs.accounts.queries.length,
    stop: () => server.stop(),
  };
}
