import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { createRegistry, type Registry } from '../../createRegistry';
import { publishSubgraph } from '../../publishing/publishSubgraph';
import type { CliIo } from '../Command';
import { runCli } from '../runCli';

const adminToken = 'admin-token-for-the-contract-cli-tests';
// A plain third-party-style subgraph: keys and tags only.
const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@tag"])';
const products = (extra = '') => `${link}
type Query { products: [Product!]! }
type Product @key(fields: "id") { id: ID! name: String! cost: Float @tag(name: "internal") ${extra} }
`;

let registry: Registry;
let directory: string;

async function run(argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CliIo = {
    stdout: (text) => stdout.push(text),
    stderr: (text) => stderr.push(text),
    env: { SWITCHYARD_REGISTRY: registry.url, SWITCHYARD_TOKEN: adminToken, SWITCHYARD_GRAPH: 'shop' },
    cwd: directory,
  };
  const code = await runCli(argv, io);
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'switchyard-contract-cli-'));
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
  await registry?.close();
  await rm(directory, { recursive: true, force: true });
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
