import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway, type Gateway } from '@switchyard/gateway';
import { loadConfig as loadGatewayConfig } from '@switchyard/gateway/config';
import { createRegistry, loadConfig as loadRegistryConfig, type Registry } from '@switchyard/registry';
import { composeOurSupergraph } from '@switchyard/schemas';
import { createFreshDatabase } from '@switchyard/subgraph-kit/testing';
import { type RunningSubgraphs, startSubgraphs } from '../../stack/startSubgraphs';
import { createRegistryClient, type RegistryClient } from './registryClient';

const adminToken = 'admin-token-for-the-registry-page-test';

/** The four subgraphs, a registry they are published to, and a gateway serving and reporting usage through it. */
export interface UsageStack {
  registry: Registry;
  subgraphs: RunningSubgraphs;
  gateway: Gateway;
  graph: string;
  variant: string;
  /** A READ token for the graph, as a product manager would be given. */
  readToken: string;
  /** The registry's admin token (sees every graph). */
  adminToken: string;
  /** Publishes one subgraph's SDL as admin; resolves with the publish status. */
  publish(input: {
    graph: string;
    variant: string;
    subgraph: string;
    url: string;
    sdl: string;
    create?: boolean;
    /** Publishes over breaking changes clients still use. */
    force?: boolean;
  }): Promise<string>;
  /** The registry's API with the READ token. */
  reader: RegistryClient;
  /** Posts an operation to the gateway as a client name and version. */
  query(
    client: { name: string; version: string },
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ status: number; errors?: unknown[] }>;
  close(): Promise<void>;
}

export interface StartUsageStackOptions {
  /** Graph and variant the subgraphs are published to. Default `shop` and `prod`. */
  graph?: string;
  variant?: string;
  /** How often the gateway sends usage, in ms. Default 250. */
  usageIntervalMs?: number;
  /** PostgreSQL server for fresh subgraph and registry databases (dropped on close); PGlite when unset. */
  databaseUrl?: string;
}

const PUBLISH = /* GraphQL */ `
  mutation Publish($input: PublishSubgraphInput!) {
    publishSubgraph(input: $input) {
      status
      message
      errors {
        message
      }
    }
  }
`;
const CREATE_TOKEN = /* GraphQL */ `
  mutation Token($input: CreateTokenInput!) { createToken(input: $input) { token } }
`;

/**
 * Starts the stack the way it runs in production, in-process: subgraphs on free ports, a registry (PGlite in
 * memory) that each subgraph's SDL is published to through its API, and a gateway that loads the supergraph
 * from the registry and reports usage to it every `usageIntervalMs`.
 */
export async function startUsageStack(options: StartUsageStackOptions = {}): Promise<UsageStack> {
  const graph = options.graph ?? 'shop';
  const variant = options.variant ?? 'prod';
  const registryDatabase = options.databaseUrl ? await createFreshDatabase(options.databaseUrl) : undefined;
  const [subgraphs, registry] = await Promise.all([
    startSubgraphs({ databaseUrl: options.databaseUrl }),
    createRegistry(
      loadRegistryConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        ...(registryDatabase ? { DATABASE_URL: registryDatabase.url } : { DATA_DIR: 'memory://' }),
        SWITCHYARD_ADMIN_TOKEN: adminToken,
        LOG_LEVEL: 'silent',
      }),
    ),
  ]);
  const cacheDir = mkdtempSync(join(tmpdir(), 'switchyard-page-gateway-'));
  let gateway: Gateway | undefined;
  try {
    await registry.listen(0);
    const admin = createRegistryClient(registry.url, adminToken);
    for (const subgraph of composeOurSupergraph(subgraphs.urls).subgraphs) {
      const { publishSubgraph: result } = await admin.request<{ publishSubgraph: { status: string; message: string } }>(
        PUBLISH,
        {
          input: {
            graph,
            variant,
            subgraph: subgraph.name,
            url: subgraph.url,
            sdl: subgraph.sdl,
            author: 'page-test',
            create: true,
          },
        },
      );
      if (result.status !== 'PUBLISHED') throw new Error(`publishing ${subgraph.name} failed: ${result.message}`);
    }
    const token = async (name: string, scope: string) =>
      (await admin.request<{ createToken: { token: string } }>(CREATE_TOKEN, { input: { name, scope, graph } }))
        .createToken.token;
    const readToken = await token('product-manager', 'READ');
    const gatewayRead = await token('gateway', 'READ');
    const report = await token('gateway-usage', 'REPORT');
    gateway = createGateway(
      loadGatewayConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        REGISTRY_URL: registry.url,
        GRAPH: graph,
        VARIANT: variant,
        REGISTRY_TOKEN: gatewayRead,
        USAGE_TOKEN: report,
        USAGE_REPORT_INTERVAL_MS: String(options.usageIntervalMs ?? 250),
        SUPERGRAPH_CACHE: join(cacheDir, 'supergraph.graphql'),
        BUDGETS_ENABLED: 'false',
        LOG_LEVEL: 'silent',
        ...subgraphs.identity.gatewayEnv,
      }),
    );
    const gatewayUrl = await gateway.listen(0, '127.0.0.1');
    const running = gateway;
    return {
      registry,
      subgraphs,
      gateway: running,
      graph,
      variant,
      readToken,
      adminToken,
      async publish(input) {
        const result = await admin.request<{ publishSubgraph: { status: string } }>(PUBLISH, { input });
        return result.publishSubgraph.status;
      },
      reader: createRegistryClient(registry.url, readToken),
      async query(client, query, variables) {
        const response = await fetch(gatewayUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'apollographql-client-name': client.name,
            'apollographql-client-version': client.version,
          },
          body: JSON.stringify({ query, variables }),
        });
        const body = (await response.json()) as { errors?: unknown[] };
        return { status: response.status, errors: body.errors };
      },
      async close() {
        await running.close();
        await registry.close();
        await subgraphs.close();
        await registryDatabase?.drop();
        rmSync(cacheDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await gateway?.close();
    await registry.close();
    await subgraphs.close();
    await registryDatabase?.drop();
    rmSync(cacheDir, { recursive: true, force: true });
    throw error;
  }
}
