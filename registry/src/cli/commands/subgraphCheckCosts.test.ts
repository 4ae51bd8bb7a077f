import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../../createRegistry';
import { publishDocuments } from '../../documents/publishDocuments';
import { publishSubgraph } from '../../publishing/publishSubgraph';
import { ExitCode } from '../Command';
import { type CliRegistry, startCliRegistry } from '../testing/startCliRegistry';

const adminToken = 'admin-token-for-the-cost-check-cli-tests';
let registry: Registry;
let cli: CliRegistry;
let directory: string;

const productsSdl = (reviewsDirectives = '', reviewDirectives = '') => /* GraphQL */ `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@cost", "@listSize"])
type Query { products(first: Int): [Product!]! @listSize(slicingArguments: ["first"], requireOneSlicingArgument: false) }
type Product @key(fields: "id") { id: ID! reviews: [Review!]! ${reviewsDirectives} }
type Review ${reviewDirectives} { id: ID! }
`;

/** Runs the CLI in-process against the test registry. */
const run = (argv: string[]) => cli.run(argv);

beforeAll(async () => {
  // The registry's own settings: CHECK_COST_* at their defaults (50%, the gateway's 1000).
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
  await cli?.close();
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
