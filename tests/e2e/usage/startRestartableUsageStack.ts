import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway, type Gateway } from '@switchyard/gateway';
import { loadConfig as loadGatewayConfig } from '@switchyard/gateway/config';
import { createRegistry, loadConfig as loadRegistryConfig, type Registry } from '@switchyard/registry';
import { composeOurSupergraph } from '@switchyard/schemas';
import { createFreshDatabase } from '@switchyard/subgraph-kit/testing';
import { type RunningSubgraphs, startSubgraphs } from '../../stack/startSubgraphs';
import { createRegistryClient, type RegistryClient } from '../page/registryClient';
import { type LossyUsageProxy, startLossyUsageProxy } from './startLossyUsageProxy';

const adminToken = 'admin-token-for-the-usage-e2e-test';

const PUBLISH = /* GraphQL */ `
  mutation Publish($input: PublishSubgraphInput!) {
    publishSubgraph(input: $input) { status message }
  }
`;
const CREATE_TOKEN = /* GraphQL */ `
  mutation Token($input: CreateTokenInput!) { createToken(input: $input) { token } }
`;

/** Subgraphs, a registry whose data outlives it (so it can be stopped and restarted) and a gateway reporting usage. */
export interface RestartableUsageStack {
  graph: string;
  variant: string;
  subgraphs: RunningSubgraphs;
  gateway: Gateway;
  /** The registry's base URL; the same across restarts. */
  registryUrl: string;
  adminToken: string;
  /** Sits between the gateway's usage reports and the registry, and can lose the registry's answers. */
  usageProxy: LossyUsageProxy;
  /** The registry's API as admin. */
  admin: RegistryClient;
  /** The SDL of each subgraph as published. */
  published: { name: string; url: string; sdl: string }[];
  /** Posts an operation to the gateway as a client name and version. */
  query(client: { name: string; version: string }, query: string): Promise<{ status: number; errors?: unknown[] }>;
  /** Closes the registry (HTTP server and database); the gateway keeps serving. */
  stopRegistry(): Promise<void>;
  /** Opens a new registry on the same port and the same data. */
  restartRegistry(): Promise<void>;
  close(): Promise<void>;
}

/** Options of `startRestartableUsageStack`. */
export interface RestartableUsageStackOptions {
  /** PostgreSQL server for fresh subgraph and registry databases (dropped on close); PGlite in temp dirs when unset. */
  databaseUrl?: string;
  /** How often the gateway sends usage, in ms. Default 200. */
  usageIntervalMs?: number;
}

/**
 * Like `../page/startUsageStack`, but the registry keeps its data in a fresh PostgreSQL database or a PGlite data
 * directory in a temp folder instead of memory, so `stopRegistry` and `restartRegistry` model a registry outage:
 * the gateway's reporter must hold its counts and deliver them, once, to the registry that comes back.
 */
export async function startRestartableUsageStack(
  options: RestartableUsageStackOptions = {},
): Promise<RestartableUsageStack> {
  const graph = 'shop';
  const variant = 'prod';
  const registryDatabase = options.databaseUrl ? await createFreshDatabase(options.databaseUrl) : undefined;
  const dataDir = registryDatabase ? undefined : mkdtempSync(join(tmpdir(), 'switchyard-usage-registry-'));
  const cacheDir = mkdtempSync(join(tmpdir(), 'switchyard-usage-gateway-'));
  const registryEnv = (port: number) => ({
    PORT: String(port),
    HOST: '127.0.0.1',
    ...(registryDatabase ? { DATABASE_URL: registryDatabase.url } : { DATA_DIR: dataDir }),
    SWITCHYARD_ADMIN_TOKEN: adminToken,
    LOG_LEVEL: 'silent',
  });

  let registry: Registry | undefined;
  let subgraphs: RunningSubgraphs | undefined;
  let gateway: Gateway | undefined;
  let usageProxy: LossyUsageProxy | undefined;
  const closeAll = async () => {
    await gateway?.close();
    await usageProxy?.close();
    await registry?.close();
    registry = undefined;
    await subgraphs?.close();
    await registryDatabase?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  };

  try {
    const [startedSubgraphs, startedRegistry] = await Promise.all([
      startSubgraphs({ databaseUrl: options.databaseUrl }),
      createRegistry(loadRegistryConfig(registryEnv(0))),
    ]);
    subgraphs = startedSubgraphs;
    registry = startedRegistry;
    const registryUrl = await registry.listen(0);
    const port = Number(new URL(registryUrl).port);
    const admin = createRegistryClient(registryUrl, adminToken);
    const published = composeOurSupergraph(subgraphs.urls).subgraphs;
    for (const subgraph of published) {
      const { publishSubgraph: result } = await admin.request<{ publishSubgraph: { status: string; message: string } }>(
        PUBLISH,
        {
          input: {
            graph,
            variant,
            subgraph: subgraph.name,
            url: subgraph.url,
            sdl: subgraph.sdl,
            author: 'usage-e2e',
            create: true,
          },
        },
      );
      if (result.status !== 'PUBLISHED') throw new Error(`publishing ${subgraph.name} failed: ${result.message}`);
    }
    const token = async (name: string, scope: string) =>
      (await admin.request<{ createToken: { token: string } }>(CREATE_TOKEN, { input: { name, scope, graph } }))
        .createToken.token;
    const proxy = await startLossyUsageProxy(() => registryUrl);
    usageProxy = proxy;
    gateway = createGateway(
      loadGatewayConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        REGISTRY_URL: registryUrl,
        USAGE_REGISTRY_URL: proxy.url,
        GRAPH: graph,
        VARIANT: variant,
        REGISTRY_TOKEN: await token('gateway', 'READ'),
        USAGE_TOKEN: await token('gateway-usage', 'REPORT'),
        USAGE_REPORT_INTERVAL_MS: String(options.usageIntervalMs ?? 200),
        SUPERGRAPH_CACHE: join(cacheDir, 'supergraph.graphql'),
        BUDGETS_ENABLED: 'false',
        LOG_LEVEL: 'silent',
        ...subgraphs.identity.gatewayEnv,
      }),
    );
    const gatewayUrl = await gateway.listen(0, '127.0.0.1');
    const running = { gateway, subgraphs };
    return {
      graph,
      variant,
      ...running,
      registryUrl,
      usageProxy: proxy,
      adminToken,
      admin,
      published,
      async query(client, query) {
        const response = await fetch(gatewayUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'apollographql-client-name': client.name,
            'apollographql-client-version': client.version,
          },
          body: JSON.stringify({ query }),
        });
        const body = (await response.json()) as { errors?: unknown[] };
        return { status: response.status, errors: body.errors };
      },
      async stopRegistry() {
        const stopping = registry;
        registry = undefined;
        await stopping?.close();
      },
      async restartRegistry() {
        if (registry) throw new Error('the registry is already running');
        const reopened = await createRegistry(loadRegistryConfig(registryEnv(port)));
        registry = reopened;
        await reopened.listen(port);
      },
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
