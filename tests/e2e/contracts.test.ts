import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry, loadConfig, type Registry } from '@switchyard/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RegistryGateway, startRegistryGateway } from './registry/startRegistryGateway';
import { waitUntil } from './registry/waitUntil';

// A plain third-party-style graph (keys and tags, no cost, list-size or auth directives); the gateway answers the
// introspection and validation these tests make without calling the subgraph.
const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@tag"])';
const catalog = (extra = '') => /* GraphQL */ `${link}
type Query { products: [Product!]! }
type Product @key(fields: "id") {
  id: ID!
  name: String!
  wholesalePrice: Float @tag(name: "internal")
  ${extra}
}
`;
const adminToken = 'admin-token-for-the-contract-e2e-tests';

let registry: Registry;
let directory: string;
let partner: RegistryGateway;

async function api(query: string, variables: Record<string, unknown>) {
  const response = await fetch(`${registry.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ query, variables }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: assertions read the answer by path.
  return (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

const publish = (sdl: string) =>
  api(
    'mutation ($input: PublishSubgraphInput!) { publishSubgraph(input: $input) { status message supergraphVersion { version } } }',
    {
      input: {
        graph: 'shop',
        variant: 'prod',
        subgraph: 'catalog',
        url: 'http://catalog.test/graphql',
        sdl,
        create: true,
      },
    },
  );

async function productFields(gateway: RegistryGateway): Promise<string[]> {
  const { data } = await gateway.query<{ __type: { fields: { name: string }[] } | null }>(
    '{ __type(name: "Product") { fields { name } } }',
  );
  return data?.__type?.fields.map((field) => field.name) ?? [];
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'switchyard-contracts-'));
  registry = await createRegistry(
    loadConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: 'memory://',
      SWITCHYARD_ADMIN_TOKEN: adminToken,
      LOG_LEVEL: 'silent',
    }),
  );
  await registry.listen(0);
  expect((await publish(catalog())).data.publishSubgraph.status).toBe('PUBLISHED');
  const created = await api(
    'mutation ($input: CreateContractInput!) { createContract(input: $input) { variant source excludeTags } }',
    { input: { graph: 'shop', variant: 'partner', source: 'prod', exclude: ['internal'] } },
  );
  expect(created.errors).toBeUndefined();
  partner = await startRegistryGateway({
    registryUrl: registry.url,
    graph: 'shop',
    variant: 'partner',
    token: adminToken,
    cachePath: join(directory, 'partner.graphql'),
  });
}, 120_000);

afterAll(async () => {
  await partner?.close();
  await registry?.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

describe('a gateway on a contract variant', () => {
  it('serves the source without the fields the contract filters out', async () => {
    expect(await productFields(partner)).toEqual(['id', 'name']);
    const refused = await partner.query('{ products { id wholesalePrice } }');
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.errors)).toContain('GRAPHQL_VALIDATION_FAILED');
  });

  it('follows publishes to the source', async () => {
    expect((await publish(catalog('sku: String'))).data.publishSubgraph.supergraphVersion.version).toBe(2);
    await waitUntil('the partner gateway serves sku', async () => (await productFields(partner)).includes('sku'));
    expect(await productFields(partner)).toEqual(['id', 'name', 'sku']);
  });

  it('keeps serving when a source publish would break the contract, which is refused', async () => {
    const leaky = catalog('sku: String\nsupplier: Supplier').concat(
      '\ntype Supplier @tag(name: "internal") { name: String! }',
    );
    const result = (await publish(leaky)).data.publishSubgraph;
    expect(result.status).toBe('COMPOSITION_FAILED');
    expect(result.message).toContain('breaks its contract(s) shop@partner');
    expect(await productFields(partner)).toEqual(['id', 'name', 'sku']);
  });
});
