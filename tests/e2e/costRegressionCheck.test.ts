import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway, type Gateway } from '@switchyard/gateway';
import { loadConfig as loadGatewayConfig } from '@switchyard/gateway/config';
import { createRegistry, loadConfig as loadRegistryConfig, type Registry } from '@switchyard/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peopleSdl, startPlainSubgraphs, storesSdl } from '../../gateway/src/plugins/testing/plainGraph';
import { runSwitchyardCli } from '../stack/runCli';
import { createRegistryClient } from './page/registryClient';

const adminToken = 'admin-token-for-the-cost-regression-test';
const STORES = 'query Stores { stores(first: 2) { id name departments { name } } }';

const PUBLISH = /* GraphQL */ `
  mutation Publish($input: PublishSubgraphInput!) { publishSubgraph(input: $input) { status message } }
`;
const CREATE_TOKEN = /* GraphQL */ `
  mutation Token($input: CreateTokenInput!) { createToken(input: $input) { token } }
`;
const OPERATIONS = /* GraphQL */ `
  query { usageOperations(graph: "stores", variant: "prod", since: "1h") { name requests } }
`;

/** The plain stores subgraph with its `first`-sized `stores` list made unbounded: an assumed 200, whatever `first` says. */
const unboundedStoresSdl = storesSdl
  .replace('federation/v2.3", import: ["@key"]', 'federation/v2.9", import: ["@key", "@listSize"]')
  .replace('stores(first: Int): [Store!]!', 'stores(first: Int): [Store!]! @listSize(assumedSize: 200)');

/**
 * A plain third-party-style graph (no cost directives) served by a gateway that reports its traffic, and a check of
 * a change that turns the `first`-sized `stores` list into an unbounded one: the operation the gateway saw would
 * cost over the gateway's limit, so the check fails and names it.
 */
describe('cost-regression checks of a plain third-party-style graph, from gateway traffic to the CLI', () => {
  let registry: Registry;
  let gateway: Gateway;
  let subgraphs: Awaited<ReturnType<typeof startPlainSubgraphs>>;
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-cost-regression-'));
  const cli = (args: string[]) =>
    runSwitchyardCli([...args, '--graph', 'stores'], {
      SWITCHYARD_REGISTRY: registry.url,
      SWITCHYARD_TOKEN: adminToken,
    });

  beforeAll(async () => {
    [subgraphs, registry] = await Promise.all([
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
      const { publishSubgraph } = await admin.request<{ publishSubgraph: { status: string; message: string } }>(
        PUBLISH,
        { input: { graph: 'stores', variant: 'prod', subgraph: name, url, sdl, create: true } },
      );
      expect(publishSubgraph.status, publishSubgraph.message).toBe('PUBLISHED');
    }
    const token = async (name: string, scope: string) =>
      (
        await admin.request<{ createToken: { token: string } }>(CREATE_TOKEN, {
          input: { name, scope, graph: 'stores' },
        })
      ).createToken.token;
    gateway = createGateway(
      loadGatewayConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        REGISTRY_URL: registry.url,
        GRAPH: 'stores',
        REGISTRY_TOKEN: await token('gateway', 'READ'),
        USAGE_TOKEN: await token('gateway-usage', 'REPORT'),
        USAGE_REPORT_INTERVAL_MS: '250',
        SUPERGRAPH_CACHE: join(dir, 'supergraph.graphql'),
        LOG_LEVEL: 'silent',
      }),
    );
    const url = await gateway.listen(0, '127.0.0.1');
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'apollographql-client-name': 'partner-app',
        'apollographql-client-version': '4.2',
      },
      body: JSON.stringify({ query: STORES }),
    });
    expect(response.status).toBe(200);
    await response.body?.cancel();
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { usageOperations } = await admin.request<{ usageOperations: { name: string; requests: number }[] }>(
        OPERATIONS,
      );
      if (usageOperations.some((operation) => operation.name === 'Stores')) break;
      if (Date.now() > deadline) throw new Error(`usage never arrived: ${JSON.stringify(usageOperations)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    writeFileSync(join(dir, 'unbounded-stores.graphql'), unboundedStoresSdl);
  }, 120_000);

  afterAll(async () => {
    await gateway?.close();
    await registry?.close();
    await Promise.all([subgraphs?.catalog.stop(), subgraphs?.accounts.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails the check of a first-sized list made unbounded, naming the operation, its client, old and new cost', async () => {
    const check = ['subgraph', 'check', '--name', 'stores', '--schema', join(dir, 'unbounded-stores.graphql')];
    const json = await cli([...check, '--format', 'json']);
    expect(json.code, json.stderr).toBe(1);
    // Priced as the gateway prices it: the reported document hides `first: 2`, an unknown count sized as the
    // default list (5): 5 × (1 store + 5 departments) = 30; unbounded, 200 × 6 = 1200, over MAX_QUERY_COST's 1000.
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      costChanges: [
        {
          criticality: 'BREAKING',
          source: 'USAGE',
          operation: 'Stores',
          clients: ['partner-app 4.2'],
          before: 30,
          after: 1200,
          limit: 1000,
        },
      ],
    });
    const text = await cli(check);
    expect(text.stdout).toContain('✖ BREAKING  Stores: 30 → 1200 (+3900%), over the limit of 1000');
  });
});
