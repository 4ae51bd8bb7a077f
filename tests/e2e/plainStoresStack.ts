import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway, type Gateway } from '@switchyard/gateway';
import { loadConfig as loadGatewayConfig } from '@switchyard/gateway/config';
import { createRegistry, loadConfig as loadRegistryConfig, type Registry } from '@switchyard/registry';
import { peopleSdl, startPlainSubgraphs, storesSdl } from '../../gateway/src/plugins/testing/plainGraph';
import { runSwitchyardCli } from '../stack/runCli';
import { createRegistryClient } from './page/registryClient';

const PUBLISH = /* GraphQL */ `
  mutation Publish($input: PublishSubgraphInput!) { publishSubgraph(input: $input) { status message } }
`;
const CREATE_TOKEN = /* GraphQL */ `
  mutation Token($input: CreateTokenInput!) { createToken(input: $input) { token } }
`;

/** The plain stores graph published to a registry in memory, and a gateway serving it from there. */
export interface PlainStoresStack {
  registry: Registry;
  gateway: Gateway;
  gatewayUrl: string;
  /** The registry's GraphQL API as its admin. */
  admin: ReturnType<typeof createRegistryClient>;
  /** Runs the `switchyard` CLI as a child process on graph `stores`, as the admin. */
  cli(args: string[]): ReturnType<typeof runSwitchyardCli>;
  close(): Promise<void>;
}

/**
 * A plain third-party-style graph (the stores and people subgraphs: no cost or auth directives) published to a
 * registry as graph `stores`, variant `prod`, and a gateway that follows that variant with READ and REPORT tokens
 * of its own and reports usage every 250 ms: what the registry shows afterwards comes from real traffic.
 */
export async function startPlainStoresStack(adminToken: string): Promise<PlainStoresStack> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'switchyard-plain-stores-'));
  const [subgraphs, registry] = await Promise.all([
    startPlainSubgraphs(),
    createRegistry(
      loadRegistryConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: 'memory://',
        SWITCHYARD_ADMIN_TOKEN: adminToken,
        LOG_LEVEL: 'silent',
      }),
    ),
  ]);
  await registry.listen(0);
  const admin = createRegistryClient(registry.url, adminToken);
  for (const [name, sdl, url] of [
    ['stores', storesSdl, subgraphs.catalog.url],
    ['people', peopleSdl, subgraphs.accounts.url],
  ] as const) {
    const { publishSubgraph } = await admin.request<{ publishSubgraph: { status: string; message: string } }>(PUBLISH, {
      input: { graph: 'stores', variant: 'prod', subgraph: name, url, sdl, create: true },
    });
    if (publishSubgraph.status !== 'PUBLISHED') throw new Error(`publishing ${name}: ${publishSubgraph.message}`);
  }
  const token = async (name: string, scope: string) =>
    (await admin.request<{ createToken: { token: string } }>(CREATE_TOKEN, { input: { name, scope, graph: 'stores' } }))
      .createToken.token;
  const gateway = createGateway(
    loadGatewayConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      REGISTRY_URL: registry.url,
      GRAPH: 'stores',
      REGISTRY_TOKEN: await token('gateway', 'READ'),
      USAGE_TOKEN: await token('gateway-usage', 'REPORT'),
      USAGE_REPORT_INTERVAL_MS: '250',
      SUPERGRAPH_CACHE: join(cacheDir, 'supergraph.graphql'),
      LOG_LEVEL: 'silent',
    }),
  );
  const gatewayUrl = await gateway.listen(0, '127.0.0.1');
  return {
    registry,
    gateway,
    gatewayUrl,
    admin,
    cli: (args) =>
      runSwitchyardCli([...args, '--graph', 'stores'], {
        SWITCHYARD_REGISTRY: registry.url,
        SWITCHYARD_TOKEN: adminToken,
      }),
    async close() {
      await gateway.close();
      await registry.close();
      await Promise.all([subgraphs.catalog.stop(), subgraphs.accounts.stop()]);
      rmSync(cacheDir, { recursive: true, force: true });
    },
  };
}
