import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { createRegistry, type Registry } from '../../createRegistry';
import { publishDocuments } from '../../documents/publishDocuments';
import { publishSubgraph } from '../../publishing/publishSubgraph';
import type { CliIo } from '../Command';
import { ExitCode } from '../Command';
import { runCli } from '../runCli';

const adminToken = 'admin-token-for-the-cost-check-cli-tests';
let registry: Registry;
let directory: string;

const productsSdl = (reviewsDirectives = '', reviewDirectives = '') => /* GraphQL */ `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@cost", "@listSize"])
type Query { products(first: Int): [Product!]! @listSize(slicingArguments: ["first"], requireOneSlicingArgument: false) }
type Product @key(fields: "id") { id: ID! reviews: [Review!]! ${reviewsDirectives} }
type Review ${reviewDirectives} { id: ID! }
`;

async function run(argv: string[]) {
  const stdout: string[] = [];
  const io: CliIo = {
    stdout: (text) => stdout.push(text),
    stderr: () => undefined,
    env: { SWITCHYARD_REGISTRY: registry.url, SWITCHYARD_TOKEN: adminToken, SWITCHYARD_GRAPH: 'shop' },
    cwd: directory,
  };
  const code = await runCli(argv, io);
  return { code, stdout: stdout.join('\n') };
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'switchyard-cost-check-cli-'));
  // The registry's own settings: CHECK_COST_* at their defaults (50%, the gateway's 1000).
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
      sdl: productsSdl(),
      create: true,
    },
  );
  await publishDocuments(registry.db, {
    graph: 'shop',
    variant: 'prod',
    client: 'ios',
    clientVersion: '4.2',
    manifest: JSON.stringify({
      top: 'query Top { products(first: 10) { id reviews { id } } }',
      few: 'query Few { products(first: 1) { id } }',
    }),
  });
  await writeFile(join(directory, 'costlier.graphql'), productsSdl('@listSize(assumedSize: 20)'));
  await writeFile(join(directory, 'over.graphql'), productsSdl('', '@cost(weight: 100)'));
});
afterAll(async () => {
  await registry?.close();
  if (directory) await rm(directory, { recursive: true, force: true });
});

const check = (file: string, format: string) =>
  run(['subgraph', 'check', '--name', 'products', '--schema', file, '--allow-no-usage', '--format', format]);

describe('switchyard subgraph check: operation costs', () => {
  it('prints a costlier operation with its clients, old and new cost, and passes', async () => {
    const { code, stdout } = await check('costlier.graphql', 'text');
    expect(code).toBe(ExitCode.OK);
    expect(stdout).toContain(
      [
        'Operation costs (1):',
        '  ⚠ DANGEROUS Top: 60 → 210 (+250%)',
        '      persisted document · clients: ios 4.2',
      ].join('\n'),
    );
  });

  it("fails on an operation over the gateway's limit, in text, Markdown and JSON", async () => {
    const text = await check('over.graphql', 'text');
    expect(text.code).toBe(ExitCode.CHECK_FAILED);
    expect(text.stdout).toContain('  ✖ BREAKING  Top: 60 → 5010 (+8250%), over the limit of 1000');
    expect(text.stdout).toContain('(1 over the cost limit)');

    const markdown = await check('over.graphql', 'markdown');
    expect(markdown.stdout).toContain(
      [
        '**Operation costs (1)**',
        '',
        '| Cost | Operation | Clients | Before | After | Limit |',
        '| --- | --- | --- | --- | --- | --- |',
        '| 🔴 Over the cost limit | `Top` (persisted) | ios 4.2 | 60 | 5010 (+8250%) | 1000 |',
      ].join('\n'),
    );

    const json = JSON.parse((await check('over.graphql', 'json')).stdout);
    expect(json).toMatchObject({
      ok: false,
      costChanges: [
        {
          criticality: 'BREAKING',
          source: 'PERSISTED',
          id: 'top',
          operation: 'Top',
          clients: ['ios 4.2'],
          before: 60,
          after: 5010,
          increasePercent: 8250,
          limit: 1000,
        },
      ],
    });

    const list = await run(['check', 'list', '--limit', '2']);
    const [newest, older] = list.stdout.split('\n').filter((line) => line.includes('products'));
    expect(newest).toMatch(/products\s+failed\s+0\s+0\s+1 \(1 over the limit\)\s/);
    expect(older).toMatch(/products\s+failed\s+0\s+0\s+1 \(1 over the limit\)\s/);
  });
});
