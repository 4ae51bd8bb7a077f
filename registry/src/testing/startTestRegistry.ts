import type { RegistryConfig } from '../config';
import { createRegistry, type Registry } from '../createRegistry';
import { createFreshDatabase, type StorageBackend } from '../db/testing/testDatabase';

export const adminToken = 'admin-token-for-the-registry-tests';

export interface ErrorBody {
  error: { code: string; message: string };
}

export interface GraphQLBody {
  // biome-ignore lint/suspicious/noExplicitAny: assertions read response data by path.
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export const publishMutation = /* GraphQL */ `
  mutation Publish($input: PublishSubgraphInput!) {
    publishSubgraph(input: $input) {
      status
      message
      supergraphVersion { version hash }
      changes { criticality coordinate }
      errors { code message line column }
    }
  }
`;

/** A registry on a fresh database of `backend`, and the HTTP calls the API tests make against it. */
export interface TestRegistry {
  readonly registry: Registry;
  /** Secrets of the tokens made with `createToken`, by key. */
  readonly tokens: Record<string, string>;
  /** Ids of the tokens made with `createToken`, by key. */
  readonly tokenIds: Record<string, string>;
  graphql(
    token: string | undefined,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ status: number; body: GraphQLBody }>;
  /** Publishes `sdl` as `subgraph` to variant `current` of `graph`, at `http://<subgraph>.test/graphql`. */
  publish(token: string | undefined, graph: string, subgraph: string, sdl: string): ReturnType<TestRegistry['graphql']>;
  /** Creates `graph` with variant `variant` (default `current`, the one `publish` uses) as admin. */
  createGraph(graph: string, variant?: string): Promise<GraphQLBody>;
  fetchSupergraph(token: string | undefined, graph: string, headers?: Record<string, string>): Promise<Response>;
  /** Creates a token as admin named `key`; its secret and id are kept under `key`. Answers the API's body. */
  createToken(key: string, input: Record<string, unknown>): Promise<GraphQLBody>;
  close(): Promise<void>;
}

/**
 * Starts a registry on a fresh database of `backend` (PGlite in memory when it has no URL) with small SDL and body
 * limits (16 KiB, 64 KiB), listening on a free loopback port.
 */
export async function startTestRegistry(backend: StorageBackend): Promise<TestRegistry> {
  let database: RegistryConfig['database'] = {};
  let dropDatabase: (() => Promise<void>) | undefined;
  if (backend.url) {
    const fresh = await createFreshDatabase(backend.url);
    database = { url: fresh.url };
    dropDatabase = fresh.drop;
  }
  const registry = await createRegistry({
    port: 0,
    host: '127.0.0.1',
    database,
    adminToken,
    limits: { maxSdlBytes: 16 * 1024, maxBodyBytes: 64 * 1024 },
    logLevel: 'silent',
  });
  await registry.listen(0);
  const tokens: Record<string, string> = {};
  const tokenIds: Record<string, string> = {};

  const graphql: TestRegistry['graphql'] = async (token, query, variables = {}) => {
    const response = await fetch(`${registry.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLBody };
  };

  return {
    registry,
    tokens,
    tokenIds,
    graphql,
    publish: (token, graph, subgraph, sdl) =>
      graphql(token, publishMutation, {
        input: { graph, variant: 'current', subgraph, url: `http://${subgraph}.test/graphql`, sdl },
      }),
    async createGraph(graph, variant = 'current') {
      const { body } = await graphql(
        adminToken,
        'mutation ($graph: String!, $variant: String!) { createGraph(graph: $graph, variant: $variant) { name variants } }',
        { graph, variant },
      );
      if (body.errors) throw new Error(`createGraph ${graph}@${variant}: ${body.errors[0]?.message}`);
      return body;
    },
    fetchSupergraph: (token, graph, headers = {}) =>
      fetch(`${registry.url}/v1/graphs/${graph}/variants/current/supergraph`, {
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      }),
    async createToken(key, input) {
      const { body } = await graphql(
        adminToken,
        'mutation ($input: CreateTokenInput!) { createToken(input: $input) { token info { id scope graph subgraphs } } }',
        { input: { name: key, ...input } },
      );
      tokens[key] = body.data?.createToken?.token;
      tokenIds[key] = body.data?.createToken?.info.id;
      return body;
    },
    async close() {
      await registry.close();
      await dropDatabase?.();
    },
  };
}
