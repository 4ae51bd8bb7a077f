import { createHash } from 'node:crypto';
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

const adminToken = 'admin-token-for-the-persisted-documents-test';
const RATED = 'query Rated { stores(first: 2) { id name rating } }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const PUBLISH = /* GraphQL */ `
  mutation Publish($input: PublishSubgraphInput!) { publishSubgraph(input: $input) { status message } }
`;
const CREATE_TOKEN = /* GraphQL */ `
  mutation Token($input: CreateTokenInput!) { createToken(input: $input) { token } }
`;

interface Answer {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
}

/**
 * A plain third-party-style graph (no cost or auth directives) in a registry: an app's manifest published with the
 * CLI, gateways following the registry that require or log persisted documents, and a check that the app's
 * persisted documents block before any of its traffic exists.
 */
describe('persisted documents of a plain third-party-style graph, from the CLI to the gateway and checks', () => {
  let registry: Registry;
  let subgraphs: Awaited<ReturnType<typeof startPlainSubgraphs>>;
  let readToken: string;
  const gateways: Gateway[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-persisted-e2e-'));
  const cli = (args: string[]) =>
    runSwitchyardCli([...args, '--graph', 'stores'], {
      SWITCHYARD_REGISTRY: registry.url,
      SWITCHYARD_TOKEN: adminToken,
    });
  const startGateway = async (mode: 'log' | 'require') => {
    const gateway = createGateway(
      loadGatewayConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        REGISTRY_URL: registry.url,
        GRAPH: 'stores',
        REGISTRY_TOKEN: readToken,
        PERSISTED_DOCUMENTS: mode,
        SUPERGRAPH_CACHE: join(dir, `${mode}-supergraph.graphql`),
        PERSISTED_DOCUMENTS_CACHE: join(dir, `${mode}-documents.json`),
        USAGE_REPORTING_ENABLED: 'false',
        BUDGETS_ENABLED: 'false',
        LOG_LEVEL: 'silent',
      }),
    );
    gateways.push(gateway);
    const url = await gateway.listen(0, '127.0.0.1');
    const post = async (body: unknown): Promise<Answer> => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Answer['body'] };
    };
    return { post, metrics: () => fetch(url.replace(/graphql$/, 'metrics')).then((response) => response.text()) };
  };

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
    readToken = (
      await admin.request<{ createToken: { token: string } }>(CREATE_TOKEN, {
        input: { name: 'gateway', scope: 'READ', graph: 'stores' },
      })
    ).createToken.token;
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: [{ name: 'Rated', type: 'query', body: RATED }],
      }),
    );
    writeFileSync(join(dir, 'broken.json'), JSON.stringify({ typo: 'query Typo { stores { ratng } }' }));
    writeFileSync(join(dir, 'stores-without-rating.graphql'), storesSdl.replace('    rating: Float\n', ''));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.close()));
    await registry?.close();
    await Promise.all([subgraphs?.catalog.stop(), subgraphs?.accounts.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("publishes an app version's manifest with the CLI, and refuses one with an invalid document (exit 1, named)", async () => {
    const refused = await cli([
      'documents',
      'publish',
      '--client',
      'partner-app',
      '--client-version',
      '4.2',
      '--manifest',
      join(dir, 'broken.json'),
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('✗ typo: Cannot query field "ratng" on type "Store".');
    const published = await cli([
      'documents',
      'publish',
      '--client',
      'partner-app',
      '--client-version',
      '4.2',
      '--manifest',
      join(dir, 'manifest.json'),
    ]);
    expect(published).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Published 1 document of partner-app 4.2'),
    });
  });

  it("a gateway requiring persisted documents serves the app's by id and refuses anything else with its code", async () => {
    const gateway = await startGateway('require');
    const byId = await gateway.post({ documentId: sha256(RATED) });
    expect(byId.status).toBe(200);
    expect(byId.body.errors).toBeUndefined();
    expect(byId.body.data).toMatchObject({
      stores: [{ id: expect.any(String), rating: expect.anything() }, expect.anything()],
    });
    const other = await gateway.post({ query: 'query Names { stores(first: 2) { name } }' });
    expect(other.status).toBe(400);
    expect(other.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_REQUIRED');
    const unknown = await gateway.post({ documentId: sha256('{ stores { id } }') });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('a gateway logging persisted documents serves everything and counts the unknown ones', async () => {
    const gateway = await startGateway('log');
    expect((await gateway.post({ query: RATED })).status).toBe(200);
    expect((await gateway.post({ query: 'query Names { stores(first: 2) { name } }' })).status).toBe(200);
    const metrics = await gateway.metrics();
    expect(metrics).toContain('switchyard_persisted_documents_total{outcome="known"} 1');
    expect(metrics).toContain('switchyard_persisted_documents_total{outcome="unknown"} 1');
  });

  it("a check removing a field the app's persisted document selects fails with no traffic, naming client, version and operation", async () => {
    const check = [
      'subgraph',
      'check',
      '--name',
      'stores',
      '--schema',
      join(dir, 'stores-without-rating.graphql'),
      '--allow-no-usage',
    ];
    const blocked = await cli(check);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain('Store.rating');
    expect(blocked.stdout).toContain('persisted documents: partner-app 4.2 Rated');
    const retired = await cli(['documents', 'delete', '--client', 'partner-app', '--client-version', '4.2']);
    expect(retired.code).toBe(0);
    const passed = await cli(check);
    expect(passed.code, passed.stdout).toBe(0);
  });
});
