import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../../createRegistry';
import { publishSubgraph } from '../../publishing/publishSubgraph';
import { type CliRegistry, startCliRegistry } from '../testing/startCliRegistry';

const adminToken = 'admin-token-for-the-contract-cli-tests';
// A plain third-party-style subgraph: keys and tags only.
const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@tag"])';
const products = (extra = '') => `${link}
type Query { products: [Product!]! }
type Product @key(fields: "id") { id: ID! name: String! cost: Float @tag(name: "internal") ${extra} }
`;

let registry: Registry;
let cli: CliRegistry;
let directory: string;

/** Runs the CLI in-process against the test registry. */
const run = (argv: string[]) => cli.run(argv);

beforeAll(async () => {
  cli = await startCliRegistry({ adminToken });
  registry = cli.registry;
  directory = cli.directory;
  await publishSubgraph(
    { db: registry.db, maxSdlBytes: 64 * 1024 },
    {
      graph: 'shop',
      variant: 'prod',
      subgraph: 'products',
      url: 'http://products.test/graphql',
      sdl: products(),
      create: true,
    },
  );
});

afterAll(async () => {
  await cli?.close();
});

describe('switchyard contract', () => {
  it('creates, lists and deletes contracts, and checks report each one', async () => {
    const created = await run([
      'contract',
      'create',
      '--variant',
      'public',
      '--source',
      'prod',
      '--exclude',
      'internal',
    ]);
    expect(created.stderr).toBe('');
    expect(created.stdout).toBe('Created contract shop@public (from prod; exclude internal).');
    expect((await run(['contract', 'list'])).stdout).toMatch(/public\s.*prod\s.*-\s.*internal/);

    await writeFile(join(directory, 'products.graphql'), products('sku: String margin: Float @tag(name: "internal")'));
    const check = await run([
      'subgraph',
      'check',
      '--variant',
      'prod',
      '--name',
      'products',
      '--schema',
      'products.graphql',
    ]);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('Contract public (1 safe):\n  ✔ SAFE      Field `Product.sku` was added');
    const json = JSON.parse(
      (
        await run([
          'subgraph',
          'check',
          '--variant',
          'prod',
          '--name',
          'products',
          '--schema',
          'products.graphql',
          '--format',
          'json',
        ])
      ).stdout,
    );
    expect(json.contracts).toEqual([
      { variant: 'public', ok: true, errors: [], changes: [expect.objectContaining({ coordinate: 'Product.sku' })] },
    ]);

    expect((await run(['contract', 'create', '--variant', 'x', '--source', 'prod'])).code).toBe(2);
    const deleted = await run(['contract', 'delete', '--variant', 'public']);
    expect(deleted.stdout).toBe('Deleted contract shop@public (from prod; exclude internal).');
    expect((await run(['contract', 'list'])).stdout).toBe('No contracts.');
  });
});
