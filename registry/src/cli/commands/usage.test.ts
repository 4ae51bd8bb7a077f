import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../../createRegistry';
import { productsSdl } from '../../db/testing/fixtures';
import { publishSubgraph } from '../../publishing/publishSubgraph';
import { ingestUsageReport } from '../../usage/testing/ingestUsageReport';
import { clientEntry, operationEntry, signatureOf, usageReport } from '../../usage/testing/reportFixtures';
import { type CliRegistry, startCliRegistry } from '../testing/startCliRegistry';

const adminToken = 'admin-token-for-the-usage-cli-tests';
const baseline = productsSdl('price: Float\nsku: String\nlegacy: String @deprecated(reason: "Use sku.")');
const prices = 'query Prices { products { id price } }';
const names = 'query Names { products { name } }';
const range = ['--since', '2026-03-09T00:00:00Z', '--until', '2026-03-10T00:00:00Z'];

let registry: Registry;
let cli: CliRegistry;
let directory: string;

/** Runs the CLI in-process against the test registry. */
const run = (argv: string[]) => cli.run(argv);

beforeAll(async () => {
  cli = await startCliRegistry({ adminToken });
  registry = cli.registry;
  directory = cli.directory;
  const deps = { db: registry.db, maxSdlBytes: 64 * 1024 };
  await publishSubgraph(deps, {
    graph: 'shop',
    variant: 'prod',
    subgraph: 'products',
    url: 'http://products.test/graphql',
    sdl: baseline,
    create: true,
  });
  await ingestUsageReport(
    registry.db,
    usageReport(new Date('2026-03-09T10:00:00Z'), [
      operationEntry(
        prices,
        ['Query.products', 'Product.id', 'Product.price'],
        [{ ...clientEntry('web', '1.0', 5, 1), errorCodes: { SUBGRAPH_TIMEOUT: 1 } }, clientEntry('=cmd', '2.0', 3)],
      ),
      operationEntry(names, ['Query.products', 'Product.name', 'Product.legacy'], [clientEntry('web', '1.0', 2)]),
    ]),
  );
  // Recent usage for the checks (their window ends now): web reads prices, ci-bot reads names.
  await ingestUsageReport(
    registry.db,
    usageReport(new Date(Date.now() - 3_600_000), [
      operationEntry(prices, ['Query.products', 'Product.id', 'Product.price'], [clientEntry('web', '1.0', 4)]),
      operationEntry(
        'query Catalog { products { name } }',
        ['Query.products', 'Product.name'],
        [clientEntry('ci-bot', 'dev', 2)],
      ),
    ]),
  );
  const without = (field: string) => baseline.replace(new RegExp(`\\n\\s*${field}: .*`), '');
  await writeFile(join(directory, 'no-price.graphql'), without('price'));
  await writeFile(join(directory, 'no-name.graphql'), without('name'));
  await writeFile(join(directory, 'no-sku.graphql'), without('sku'));
  await writeFile(join(directory, 'no-legacy.graphql'), without('legacy'));
});

afterAll(async () => {
  await cli?.close();
});

describe('switchyard usage', () => {
  it('prints field usage as a table, busiest first', async () => {
    const result = await run(['usage', 'fields', ...range]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^Coordinate\s+Kind\s+Requests\s+Operations\s+Clients\s+Trend\s+Last seen\s+Deprecated$/);
    expect(lines[1]).toMatch(/^Query\.products\s+FIELD\s+10\s+2\s+2\s+NEW\s+/);
    expect(lines[2]).toMatch(/^Product\.id\s+FIELD\s+8\s+1\s+2\s+NEW/);
    expect(result.stdout).toMatch(/\nProduct\.legacy\s+FIELD\s+2\s+1\s+1\s+NEW\s+\S+\s+yes/);
    await expect(run(['usage', 'fields', '--format', 'table', ...range])).resolves.toEqual(result);
  });

  it('prints client usage as JSON, CSV and Markdown', async () => {
    const json = await run(['usage', 'clients', '--format', 'json', ...range]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([
      {
        name: 'web',
        version: '1.0',
        requests: 7,
        errors: 1,
        operations: [{ signature: signatureOf(prices) }, { signature: signatureOf(names) }],
        fields: ['Product.id', 'Product.legacy', 'Product.name', 'Product.price', 'Query.products'],
      },
      {
        name: '=cmd',
        version: '2.0',
        requests: 3,
        errors: 0,
        operations: [{ signature: signatureOf(prices) }],
        fields: ['Product.id', 'Product.price', 'Query.products'],
      },
    ]);
    const csv = await run(['usage', 'clients', '--format', 'csv', ...range]);
    // A client name a spreadsheet would run as a formula is defused.
    expect(csv).toMatchObject({
      code: 0,
      stdout: "Client,Version,Requests,Errors,Operations,Fields\nweb,1.0,7,1,2,5\n'=cmd,2.0,3,0,1,3",
    });
    const markdown = await run(['usage', 'clients', '--format', 'markdown', ...range]);
    expect(markdown.stdout).toBe(
      '| Client | Version | Requests | Errors | Operations | Fields |\n| --- | --- | --- | --- | --- | --- |\n| web | 1.0 | 7 | 1 | 2 | 5 |\n| =cmd | 2.0 | 3 | 0 | 1 | 3 |',
    );
  });

  it('prints operations with errors by code, p50/p95/p99, clients and the latency resolution in each format', async () => {
    const table = await run(['usage', 'operations', ...range]);
    const lines = table.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^Operation\s+Type\s+Requests\s+Errors\s+Error codes\s+p50 ms\s+p95 ms\s+p99 ms\s+Clients\s+First seen\s+Last seen\s+Signature$/,
    );
    expect(lines[1]).toMatch(
      new RegExp(
        `^Prices\\s+query\\s+8\\s+1 \\(12\\.5 %\\)\\s+SUBGRAPH_TIMEOUT 1\\s+2\\.5\\s+4\\.75\\s+4\\.95\\s+web 1\\.0, =cmd 2\\.0\\s+\\S+\\s+\\S+\\s+${signatureOf(prices).slice(0, 12)}$`,
      ),
    );
    expect(table.stdout).toContain(
      'Latency percentiles come from histograms with buckets up to 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000 ms',
    );
    const csv = await run(['usage', 'operations', '--format', 'csv', ...range]);
    expect(csv.stdout.split('\n')).toEqual([
      'Operation,Type,Requests,Errors,Error codes,p50 ms,p95 ms,p99 ms,Clients,First seen,Last seen,Signature',
      expect.stringMatching(/^Prices,query,8,1 \(12\.5 %\),SUBGRAPH_TIMEOUT 1,2\.5,4\.75,4\.95,"web 1\.0, =cmd 2\.0",/),
      expect.stringMatching(/^Names,query,2,0,—,2\.5,4\.75,4\.95,web 1\.0,/),
    ]);
    const json = JSON.parse((await run(['usage', 'operations', '--format', 'json', ...range])).stdout);
    expect(json).toHaveLength(2);
    expect(json[0]).toMatchObject({
      name: 'Prices',
      requests: 8,
      errors: 1,
      p99Ms: 4.95,
      document: prices,
      latencyHistogram: [8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      clients: [
        { name: 'web', version: '1.0', requests: 5, errors: 1 },
        { name: '=cmd', version: '2.0', requests: 3, errors: 0 },
      ],
      errorsByCode: [{ code: 'SUBGRAPH_TIMEOUT', count: 1 }],
    });
    expect((await run(['usage', 'operations', '--format', 'markdown', ...range])).stdout).toMatch(
      /^\| Operation \| Type \|[^\n]+\n\| --- [^\n]+\n[^\n]+\n[^\n]+\n\nLatency percentiles/,
    );
  });

  it('lists unused and deprecated fields', async () => {
    const unused = await run(['usage', 'unused', '--format', 'csv', ...range]);
    expect(unused.stdout.split('\n')).toContain('Product.sku,FIELD,—,no');
    expect(unused.stdout).not.toContain('Product.price');
    const deprecated = await run(['usage', 'deprecated', ...range]);
    expect(deprecated.stdout).toMatch(/\nProduct\.legacy\s+2\s+web 1\.0 \(2\)\s+\S+\s+not enough data\s+Use sku\.$/);
  });

  it('says when a window has no usage, and refuses a bad --since or a format the command lacks (exit 2)', async () => {
    expect(
      await run(['usage', 'clients', '--since', '2026-01-01T00:00:00Z', '--until', '2026-01-02T00:00:00Z']),
    ).toMatchObject({
      code: 0,
      stdout: 'No requests in this window.',
    });
    const bad = await run(['usage', 'fields', '--since', 'last week']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^error: The registry refused the request: since must be a duration like 24h, 7d or 30d.*\(BAD_USER_INPUT\)$/,
    );
    const csvList = await run(['subgraph', 'list', '--format', 'csv']);
    expect(csvList.code).toBe(2);
    expect(csvList.stderr).toMatch(/^error: --format csv is not available here; use text, json, markdown\./);
  });
});

describe('switchyard subgraph check with usage', () => {
  const check = (schema: string, ...flags: string[]) =>
    run(['subgraph', 'check', '--name', 'products', '--schema', schema, ...flags]);

  it('fails (exit 1) when a removed field is in use, naming clients and operations', async () => {
    const result = await check('no-price.graphql');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✖ BREAKING  Field `Product.price` was removed');
    expect(result.stdout).toContain('      usage: 4 requests (66.67%) · clients: web 1.0 (4) · operations: Prices (4)');
    const markdown = await check('no-price.graphql', '--format', 'markdown');
    expect(markdown.stdout).toContain('| Change | Coordinate | Details | Usage |');
    expect(markdown.stdout).toContain('| 🔴 Breaking | `Product.price` |');
  });

  it('passes (exit 0) when the removed field is unused, marking the change as not blocking', async () => {
    const result = await check('no-sku.graphql');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('○ BREAKING  Field `Product.sku` was removed');
    expect(result.stdout).toContain('(not blocking)\n      usage: unused in the usage window');
  });

  it('leaves out excluded clients and honours the usage window', async () => {
    expect((await check('no-name.graphql')).code).toBe(1);
    const excluded = await check('no-name.graphql', '--exclude-client', 'ci-bot', '--exclude-client', 'other');
    expect(excluded.code).toBe(0);
    expect(excluded.stdout).toContain('used only by excluded clients: ci-bot');
    expect(excluded.stdout).not.toContain('unused in the usage window');
    // Nothing at all in the last 30 minutes: no usage shows the removal is safe, so it blocks unless accepted.
    const empty = await check('no-name.graphql', '--usage-window', '30m');
    expect(empty.code).toBe(1);
    expect(empty.stdout).toContain('received no usage in the last 30m');
    expect(empty.stdout).toContain('--allow-no-usage');
    expect((await check('no-name.graphql', '--usage-window', '30m', '--allow-no-usage')).code).toBe(0);
    const bad = await check('no-name.graphql', '--usage-window', 'soon');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('usageWindow must be a duration');
  });

  it('in --strict mode fails on removals that were not deprecated first', async () => {
    expect((await check('no-sku.graphql', '--strict')).code).toBe(1);
    expect((await check('no-legacy.graphql', '--strict')).code).toBe(0);
  });

  it('keeps every check: check list shows each result, newest first, with the client versions a removal breaks', async () => {
    expect((await check('no-price.graphql')).code).toBe(1);
    expect((await check('no-sku.graphql')).code).toBe(0);
    const table = await run(['check', 'list', '--subgraph', 'products', '--limit', '2']);
    expect(table.code).toBe(0);
    const [header, newest, older] = table.stdout
      .split('\n')
      .filter((line) => line.includes('products') || line.startsWith('Time'));
    expect(header).toMatch(/^Time\s+Subgraph\s+Result\s+Breaking\s+Blocking\s+Costlier\s+Affected clients\s+Message/);
    expect(newest).toMatch(/products\s+passed\s+1\s+0\s+-\s+-\s/);
    expect(older).toMatch(/products\s+failed\s+1\s+1\s+-\s+web@1\.0\s/);
    const json = JSON.parse(
      (await run(['check', 'list', '--subgraph', 'products', '--limit', '1', '--format', 'json'])).stdout,
    );
    expect(json).toEqual([
      expect.objectContaining({
        subgraph: 'products',
        ok: true,
        changes: [expect.objectContaining({ coordinate: 'Product.sku', criticality: 'BREAKING', blocking: false })],
      }),
    ]);
    expect((await run(['check', 'list', '--subgraph', 'Bad Name'])).code).toBe(2);
  });
});
