import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PlainStoresStack, startPlainStoresStack } from './plainStoresStack';

const adminToken = 'admin-token-for-the-operations-sla-test';
const partner = { name: 'partner-app', version: '4.2' };
const STORES = 'query Stores { stores(first: 2) { id name departments { name } } }';
const BROKEN = 'query Broken { stores(first: 1) { noSuchField } }';

/**
 * A plain third-party-style graph (no cost or auth directives) published to a registry, and a gateway serving it from
 * the registry and reporting usage: what `usage operations` and `usage sla` show comes from real traffic.
 */
describe('operations and SLAs of a plain third-party-style graph, from gateway traffic to the CLI', () => {
  let stack: PlainStoresStack;
  const cli = (args: string[]) => stack.cli(args);
  const send = async (query: string) => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'apollographql-client-name': partner.name,
        'apollographql-client-version': partner.version,
      },
      body: JSON.stringify({ query }),
    });
    await response.body?.cancel();
    return response.status;
  };

  beforeAll(async () => {
    stack = await startPlainStoresStack(adminToken);
    for (let i = 0; i < 4; i++) expect(await send(STORES)).toBe(200);
    expect(await send(BROKEN)).toBe(400);
    // The registry holds the five requests once the gateway's report of them is accepted; its reads fold them.
    await stack.gateway.flushUsage();
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('usage operations shows each operation with its client version, errors by code and latency', async () => {
    const result = await cli(['usage', 'operations', '--since', '1h', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const operations = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(operations).toEqual([
      expect.objectContaining({
        name: 'Stores',
        requests: 4,
        errors: 0,
        p50Ms: expect.any(Number),
        p95Ms: expect.any(Number),
        p99Ms: expect.any(Number),
        clients: [{ ...partner, requests: 4, errors: 0 }],
        errorsByCode: [],
        document: expect.stringContaining('query Stores'),
      }),
      expect.objectContaining({
        name: '## GraphQLValidationFailure',
        requests: 1,
        errors: 1,
        errorsByCode: [{ code: 'GRAPHQL_VALIDATION_FAILED', count: 1 }],
      }),
    ]);
  });

  it('sla set takes targets and usage sla lists the breach of an impossible one', async () => {
    expect(await cli(['sla', 'set', '--client', partner.name, '--p95-ms', '0.001'])).toMatchObject({ code: 0 });
    expect(await cli(['sla', 'set', '--operation', 'Stores', '--error-rate', '0'])).toMatchObject({ code: 0 });
    const list = await cli(['sla', 'list', '--format', 'json']);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ client: null, operation: 'Stores', errorRate: 0, latencyMs: null }),
      expect.objectContaining({ client: partner.name, operation: null, latencyPercentile: 95, latencyMs: 0.001 }),
    ]);
    const table = await cli(['usage', 'sla', '--since', '7d', '--format', 'table']);
    expect(table.code, table.stderr).toBe(0);
    const [header, breach, ...rest] = table.stdout.split('\n').map((line) => line.replace(/\s{2,}/g, ' | '));
    expect(header).toBe(
      'Target | Client | Operation | Metric | Hours in breach | Hours judged | Worst measured | Bound',
    );
    // Every hour with requests missed the impossible bound (one hour, unless the test ran across two).
    expect(breach).toMatch(
      /^p95 ≤ 0\.001 ms \| partner-app \| every operation \| p95 latency \| (\d) \| \1 \| [\d.]+ ms \| 0\.001 ms$/,
    );
    // Stores never failed: its error-rate target of 0 is met.
    expect(rest.join('\n')).toContain('1 of 2 target(s) met.');
  });
});
