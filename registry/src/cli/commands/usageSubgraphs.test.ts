import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../../createRegistry';
import { productsSdl } from '../../db/testing/fixtures';
import { publishSubgraph } from '../../publishing/publishSubgraph';
import { LATENCY_HISTOGRAM_SIZE } from '../../usage/contract';
import { ingestUsageReport } from '../../usage/testing/ingestUsageReport';
import { clientEntry, operationEntry, usageReport } from '../../usage/testing/reportFixtures';
import { type CliRegistry, startCliRegistry } from '../testing/startCliRegistry';

const adminToken = 'admin-token-for-the-usage-subgraphs-cli-test';
let registry: Registry;
let cli: CliRegistry;

/** Runs the CLI in-process against the test registry. */
const run = (argv: string[]) => cli.run(argv);

/** `fetches` fetches, all within 5 ms. */
const fetched = (fetches: number) => {
  const latencyHistogram = new Array<number>(LATENCY_HISTOGRAM_SIZE).fill(0);
  latencyHistogram[0] = fetches;
  return { fetches, errors: 0, latencyHistogram };
};

beforeAll(async () => {
  cli = await startCliRegistry({ adminToken });
  registry = cli.registry;
  await publishSubgraph(
    { db: registry.db, maxSdlBytes: 64 * 1024 },
    {
      graph: 'shop',
      variant: 'prod',
      subgraph: 'products',
      url: 'http://products.test/graphql',
      sdl: productsSdl(''),
      create: true,
    },
  );
  // 1–7 March: web sends 10, 20, …, 70 requests a day, each fetching products and then reviews once.
  for (let day = 1; day <= 7; day++) {
    const requests = 10 * day;
    await ingestUsageReport(
      registry.db,
      usageReport(new Date(Date.UTC(2026, 2, day, 12)), [
        operationEntry(
          'query Reviewed { products { id reviewCount } }',
          ['Query.products', 'Product.id', 'Product.reviewCount'],
          [
            {
              ...clientEntry('web', '1.0', requests),
              subgraphFetches: { products: fetched(requests), reviews: fetched(requests) },
            },
          ],
          ['products', 'reviews'],
        ),
      ]),
    );
  }
});

afterAll(async () => {
  await cli?.close();
});

describe('switchyard usage subgraphs', () => {
  const range = ['--since', '2026-03-01T00:00:00Z', '--until', '2026-03-08T00:00:00Z'];

  it('prints per subgraph the measured fetches by client, the daily trend and the forecast with its method (JSON)', async () => {
    const result = await run(['usage', 'subgraphs', '--graph', 'shop', ...range, '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const loads = JSON.parse(result.stdout) as {
      subgraph: string;
      fetches: number;
      clients: { client: string; fetches: number; p50Ms: number }[];
      daily: { day: string; fetches: number }[];
      forecast: {
        status: string;
        nextWeek: number;
        slopePerDay: number;
        backtestError: null;
        days: number;
        method: string;
      };
    }[];
    expect(loads.map((load) => [load.subgraph, load.fetches])).toEqual([
      ['products', 280],
      ['reviews', 280],
    ]);
    expect(loads[0]?.clients).toEqual([expect.objectContaining({ client: 'web', fetches: 280, p50Ms: 2.5 })]);
    expect(loads[0]?.daily.map((point) => point.fetches)).toEqual([10, 20, 30, 40, 50, 60, 70]);
    // 80 … 140 over the next week; 7 days are too few to measure the error on.
    expect(loads[0]?.forecast).toMatchObject({
      status: 'OK',
      nextWeek: 770,
      slopePerDay: 10,
      backtestError: null,
      days: 7,
    });
    expect(loads[0]?.forecast.method).toContain('Least-squares line');
  });

  it('prints a table with a row per subgraph and client', async () => {
    const result = await run(['usage', 'subgraphs', '--graph', 'shop', ...range]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/products\s+\(all\)\s+280/);
    expect(result.stdout).toMatch(/reviews\s+web\s+280/);
    expect(result.stdout).toContain('770 (+10/day)');
  });
});
