import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../../createRegistry';
import { productsSdl } from '../../db/testing/fixtures';
import { publishSubgraph } from '../../publishing/publishSubgraph';
import { LATENCY_HISTOGRAM_SIZE } from '../../usage/contract';
import { ingestUsageReport } from '../../usage/testing/ingestUsageReport';
import { clientEntry, operationEntry, usageReport } from '../../usage/testing/reportFixtures';
import { type CliRegistry, startCliRegistry } from '../testing/startCliRegistry';

const adminToken = 'admin-token-for-the-sla-cli-tests';
const prices = 'query Prices { products { id price } }';
const range = ['--since', '2026-03-09T00:00:00Z', '--until', '2026-03-10T00:00:00Z'];

let registry: Registry;
let cli: CliRegistry;
let directory: string;

/** Runs the CLI in-process against the test registry. */
const run = (argv: string[]) => cli.run(argv);

/** `count` requests by ios that each took 500–1000 ms, `errors` of them failed. */
function slowIos(count: number, errors: number) {
  const latencyHistogram = new Array<number>(LATENCY_HISTOGRAM_SIZE).fill(0);
  latencyHistogram[7] = count;
  return { name: 'ios', version: '3.1', count, errors, latencyHistogram };
}

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
      sdl: productsSdl('price: Float'),
      create: true,
    },
  );
  // Web is fast all day; ios is slow at 09:00 and 14:00 and fails half its requests at 14:00.
  for (const [hour, ios] of [
    ['09', slowIos(4, 0)],
    ['14', slowIos(4, 2)],
  ] as const) {
    await ingestUsageReport(
      registry.db,
      usageReport(new Date(`2026-03-09T${hour}:10:00Z`), [
        operationEntry(prices, ['Query.products', 'Product.price'], [clientEntry('web', '1.0', 96), ios]),
      ]),
    );
  }
});

afterAll(async () => {
  await cli?.close();
});

describe('switchyard sla and usage sla', () => {
  it('sets and lists targets for the graph, a client and an operation', async () => {
    expect(await run(['sla', 'set', '--p95-ms', '2000', '--error-rate', '0.05'])).toMatchObject({
      code: 0,
      stdout: 'Set p95 ≤ 2000 ms, errors ≤ 5 % for every client and every operation.',
    });
    expect(await run(['sla', 'set', '--client', 'ios', '--p99-ms', '300'])).toMatchObject({ code: 0 });
    expect(await run(['sla', 'set', '--operation', 'Prices', '--error-rate', '0.01'])).toMatchObject({ code: 0 });
    const list = await run(['sla', 'list']);
    expect(list.stdout.split('\n').map((line) => line.replace(/\s{2,}/g, ' | '))).toEqual([
      'Client | Operation | Target | Updated | By',
      expect.stringMatching(
        /^every client \| every operation \| p95 ≤ 2000 ms, errors ≤ 5 % \| \S+ \| admin \(SWITCHYARD_ADMIN_TOKEN\)$/,
      ),
      expect.stringMatching(/^every client \| Prices \| errors ≤ 1 % \| /),
      expect.stringMatching(/^ios \| every operation \| p99 ≤ 300 ms \| /),
    ]);
  });

  it('refuses a target without a bound, with both percentiles, or out of range (exit 2)', async () => {
    for (const argv of [
      ['sla', 'set'],
      ['sla', 'set', '--p95-ms', '100', '--p99-ms', '200'],
      ['sla', 'set', '--error-rate', '5'],
      ['sla', 'set', '--p95-ms', 'fast'],
    ]) {
      const result = await run(argv);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/--p95-ms|--error-rate/);
    }
  });

  it('lists each breach with its target, client, operation, hours in breach and measured value', async () => {
    const table = await run(['usage', 'sla', ...range, '--format', 'table']);
    expect(table.code).toBe(0);
    const lines = table.stdout.split('\n').map((line) => line.replace(/\s{2,}/g, ' | '));
    expect(lines.slice(0, 3)).toEqual([
      'Target | Client | Operation | Metric | Hours in breach | Hours judged | Worst measured | Bound',
      // ios took 500–1000 ms in both hours: its p99 interpolates to 995 ms.
      'p99 ≤ 300 ms | ios | every operation | p99 latency | 2 | 2 | 995 ms | 300 ms',
      // At 14:00, 2 of 100 Prices requests failed.
      'errors ≤ 1 % | every client | Prices | error rate | 1 | 2 | 2 % | 1 %',
    ]);
    expect(table.stdout).toContain('1 of 3 target(s) met.');
    const markdown = await run(['usage', 'sla', ...range, '--format', 'markdown']);
    expect(markdown.stdout).toMatch(/^\| Target \| Client \| Operation \|/);
    expect(markdown.stdout).toContain(
      '| p99 ≤ 300 ms | ios | every operation | p99 latency | 2 | 2 | 995 ms | 300 ms |',
    );
    const json = JSON.parse((await run(['usage', 'sla', ...range, '--format', 'json'])).stdout);
    expect(json[0]).toMatchObject({
      target: { client: 'ios', operation: null, latencyPercentile: 99, latencyMs: 300 },
      breached: true,
      breaches: [
        {
          metric: 'LATENCY',
          hoursInBreach: 2,
          worst: 995,
          periods: [
            { start: '2026-03-09T09:00:00.000Z', hours: 1, requests: 4, measured: 995 },
            { start: '2026-03-09T14:00:00.000Z', hours: 1, requests: 4, measured: 995 },
          ],
        },
      ],
    });
    expect(json[2]).toMatchObject({ target: { client: null, operation: null }, breached: false, requests: 200 });
  });

  it('says so when every target was met, and removes a target', async () => {
    expect(await run(['sla', 'remove', '--client', 'ios'])).toMatchObject({ code: 0, stdout: 'Removed the target.' });
    expect(await run(['sla', 'remove', '--operation', 'Prices'])).toMatchObject({ code: 0 });
    expect((await run(['usage', 'sla', ...range])).stdout).toBe(
      'Every SLA target (1) was met in every hour of this window.',
    );
  });
});
