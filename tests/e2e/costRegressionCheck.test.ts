import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storesSdl } from '../../gateway/src/plugins/testing/plainGraph';
import { type PlainStoresStack, startPlainStoresStack } from './plainStoresStack';

const adminToken = 'admin-token-for-the-cost-regression-test';
const STORES = 'query Stores { stores(first: 2) { id name departments { name } } }';

/** The plain stores subgraph with its `first`-sized `stores` list made unbounded: an assumed 200, whatever `first` says. */
const unboundedStoresSdl = storesSdl
  .replace('federation/v2.3", import: ["@key"]', 'federation/v2.9", import: ["@key", "@listSize"]')
  .replace('stores(first: Int): [Store!]!', 'stores(first: Int): [Store!]! @listSize(assumedSize: 200)');

/**
 * A plain third-party-style graph (no cost directives) served by a gateway that reports its traffic, and a check of
 * a change that turns the `first`-sized `stores` list into an unbounded one: the operation the gateway saw would
 * cost over the gateway's limit, so the check fails and names it.
 */
describe('cost-regression checks of a plain third-party-style graph, from gateway traffic to the CLI', () => {
  let stack: PlainStoresStack;
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-cost-regression-'));
  const cli = (args: string[]) => stack.cli(args);

  beforeAll(async () => {
    stack = await startPlainStoresStack(adminToken);
    const { gateway, gatewayUrl: url } = stack;
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'apollographql-client-name': 'partner-app',
        'apollographql-client-version': '4.2',
      },
      body: JSON.stringify({ query: STORES }),
    });
    expect(response.status).toBe(200);
    await response.body?.cancel();
    // The check prices the operations the registry holds: the gateway's report of this one is accepted first.
    await gateway.flushUsage();
    writeFileSync(join(dir, 'unbounded-stores.graphql'), unboundedStoresSdl);
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails the check of a first-sized list made unbounded, naming the operation, its client, old and new cost', async () => {
    const check = ['subgraph', 'check', '--name', 'stores', '--schema', join(dir, 'unbounded-stores.graphql')];
    const json = await cli([...check, '--format', 'json']);
    expect(json.code, json.stderr).toBe(1);
    // Priced as the gateway prices it: the reported document hides `first: 2`, an unknown count sized as the
    // default list (5): 5 × (1 store + 5 departments) = 30; unbounded, 200 × 6 = 1200, over MAX_QUERY_COST's 1000.
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      costChanges: [
        {
          criticality: 'BREAKING',
          source: 'USAGE',
          operation: 'Stores',
          clients: ['partner-app 4.2'],
          before: 30,
          after: 1200,
          limit: 1000,
        },
      ],
    });
    const text = await cli(check);
    expect(text.stdout).toContain('✖ BREAKING  Stores: 30 → 1200 (+3900%), over the limit of 1000');
  });
});
