import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSwitchyardCli } from '../stack/runCli';
import { pickDatabase } from './page/pickDatabase';
import { pollUntil } from './usage/pollUntil';
import { removeField } from './usage/removeField';
import { type RestartableUsageStack, startRestartableUsageStack } from './usage/startRestartableUsageStack';
import { startUnavailableRegistry } from './usage/startUnavailableRegistry';

const iosApp = { name: 'ios-app', version: '2.3.0' };
const dashboard = { name: 'web-dashboard', version: '1.0.0' };
/** Sends one request after the traffic under test and waits for it: once it is counted, everything before it is. */
const marker = { name: 'usage-e2e-marker', version: '0.0.0' };

/** The iOS app shows each supplier's country: removing `Supplier.country` would break it. */
const SUPPLIER_COUNTRIES = /* GraphQL */ `query SupplierCountries { suppliers(first: 3) { edges { node { id name country } } } }`;
const SUPPLIER_RATINGS = /* GraphQL */ `query SupplierRatings { suppliers(first: 2) { edges { node { id rating } } } }`;
const MARKER = /* GraphQL */ `query Marker { clinic(id: "clinic_0001") { id } }`;

const USAGE = /* GraphQL */ `
  query Usage($graph: String!, $variant: String!) {
    usageFields(graph: $graph, variant: $variant, since: "24h") { coordinate requests clients }
    usageClients(graph: $graph, variant: $variant, since: "24h") { name version requests errors }
    usageOperations(graph: $graph, variant: $variant, since: "24h") { name type requests errors }
  }
`;

interface Usage {
  usageFields: { coordinate: string; requests: number; clients: number }[];
  usageClients: { name: string; version: string; requests: number; errors: number }[];
  usageOperations: { name: string | null; type: string; requests: number; errors: number }[];
}

/** The parts of a check result the CLI prints with `--format json` that this test reads. */
interface CheckOutput {
  ok: boolean;
  changes: {
    type: string;
    coordinate: string;
    criticality: string;
    blocking: boolean;
    usage: { requests: number; clients: { name: string; version: string; requests: number }[] } | null;
  }[];
}

describe('field usage from gateway traffic to reports and usage-aware checks', () => {
  let stack: RestartableUsageStack;
  let markersSent = 0;
  const schemaDir = mkdtempSync(join(tmpdir(), 'switchyard-usage-check-'));

  const readUsage = () => stack.admin.request<Usage>(USAGE, { graph: stack.graph, variant: stack.variant });
  const clientRequests = (usage: Usage, client: { name: string; version: string }) =>
    usage.usageClients.find((entry) => entry.name === client.name && entry.version === client.version)?.requests ?? 0;
  const fieldRequests = (usage: Usage) =>
    Object.fromEntries(usage.usageFields.map((field) => [field.coordinate, field.requests]));

  /** Sends `count` requests of `query` as `client`, all at once, and returns each answer. */
  const send = (client: { name: string; version: string }, query: string, count: number) =>
    Promise.all(Array.from({ length: count }, () => stack.query(client, query)));

  /**
   * Waits until the registry has counted at least `expected` requests of each client, then sends a marker request
   * and waits for it too, so whatever the gateway still held (or would send twice) has arrived before the caller
   * asserts exact counts.
   */
  const settledUsage = async (expected: [{ name: string; version: string }, number][]) => {
    await pollUntil(
      'usage of the traffic',
      readUsage,
      (usage) => expected.every(([client, count]) => clientRequests(usage, client) >= count),
      { show: (usage) => usage.usageClients },
    );
    expect(await stack.query(marker, MARKER)).toEqual({ status: 200, errors: undefined });
    markersSent++;
    return pollUntil(
      'usage of the marker request',
      readUsage,
      (usage) => clientRequests(usage, marker) >= markersSent,
      {
        show: (usage) => usage.usageClients,
      },
    );
  };

  /** Runs `switchyard subgraph check` for `subgraph` with `sdl`, parsing its JSON output. */
  const check = async (subgraph: string, sdl: string) => {
    const file = join(schemaDir, `${subgraph}-${Date.now()}.graphql`);
    writeFileSync(file, sdl);
    const args = ['subgraph', 'check', '--name', subgraph, '--schema', file, '--format', 'json'];
    const result = await runSwitchyardCli(
      [...args, '--registry', stack.registryUrl, '--graph', stack.graph, '--variant', stack.variant],
      { SWITCHYARD_TOKEN: stack.adminToken },
    );
    if (!result.stdout.trim().startsWith('{')) throw new Error(`the CLI printed no result: ${result.stderr}`);
    return { code: result.code, output: JSON.parse(result.stdout) as CheckOutput };
  };
  const publishedSdl = (subgraph: string) => {
    const found = stack.published.find((entry) => entry.name === subgraph);
    if (!found) throw new Error(`${subgraph} was not published`);
    return found.sdl;
  };

  beforeAll(async () => {
    const database = await pickDatabase();
    console.info(`usage e2e stores data in ${database.label}`);
    stack = await startRestartableUsageStack({ databaseUrl: database.url });
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    rmSync(schemaDir, { recursive: true, force: true });
  });

  const N = 5;
  const M = 3;
  const K = 6;

  it('counts every request per field, per client version and per operation, exactly', async () => {
    const answers = [...(await send(iosApp, SUPPLIER_COUNTRIES, N)), ...(await send(dashboard, SUPPLIER_RATINGS, M))];
    expect(answers).toEqual(Array.from({ length: N + M }, () => ({ status: 200, errors: undefined })));

    const usage = await settledUsage([
      [iosApp, N],
      [dashboard, M],
    ]);

    expect(fieldRequests(usage)).toMatchObject({
      'Query.suppliers': N + M,
      'SupplierConnection.edges': N + M,
      'SupplierEdge.node': N + M,
      'Supplier.id': N + M,
      'Supplier.name': N,
      'Supplier.country': N,
      'Supplier.rating': M,
      'Supplier.offers': 0,
      'Clinic.createdAt': 0,
    });
    expect(usage.usageFields.find((field) => field.coordinate === 'Query.suppliers')?.clients).toBe(2);
    expect(usage.usageClients.filter((client) => client.name !== marker.name)).toEqual(
      expect.arrayContaining([
        { ...iosApp, requests: N, errors: 0 },
        { ...dashboard, requests: M, errors: 0 },
      ]),
    );
    expect(usage.usageClients).toHaveLength(3);
    expect(usage.usageOperations).toEqual(
      expect.arrayContaining([
        { name: 'SupplierCountries', type: 'query', requests: N, errors: 0 },
        { name: 'SupplierRatings', type: 'query', requests: M, errors: 0 },
        { name: 'Marker', type: 'query', requests: markersSent, errors: 0 },
      ]),
    );
    expect(usage.usageOperations).toHaveLength(3);
  });

  it('keeps answering while the registry is down and delivers that usage once it is back, exactly once', async () => {
    const answers = await send(iosApp, SUPPLIER_COUNTRIES, K / 3);
    // Some requests race the registry's shutdown, the rest arrive while it is gone.
    const [, during] = await Promise.all([stack.stopRegistry(), send(iosApp, SUPPLIER_COUNTRIES, K / 3)]);
    answers.push(...during);
    // While it is away, its port answers 503 until the gateway has tried to report there and failed.
    const unavailable = await startUnavailableRegistry(Number(new URL(stack.registryUrl).port));
    try {
      answers.push(...(await send(iosApp, SUPPLIER_COUNTRIES, K / 3)));
      await pollUntil(
        'a usage report refused while the registry is away',
        async () => unavailable.usageAttempts,
        (n) => n > 0,
      );
    } finally {
      await unavailable.close();
    }
    expect(answers).toEqual(Array.from({ length: K }, () => ({ status: 200, errors: undefined })));

    await stack.restartRegistry();
    const usage = await settledUsage([[iosApp, N + K]]);

    expect(usage.usageClients).toEqual(expect.arrayContaining([{ ...iosApp, requests: N + K, errors: 0 }]));
    expect(fieldRequests(usage)).toMatchObject({
      'Supplier.country': N + K,
      'Supplier.rating': M,
      'Query.suppliers': N + K + M,
    });
    expect(usage.usageOperations).toEqual(
      expect.arrayContaining([{ name: 'SupplierCountries', type: 'query', requests: N + K, errors: 0 }]),
    );
    const dropped = await stack.gateway.metrics.usageReportsDropped.get();
    expect(dropped.values.reduce((sum, value) => sum + value.value, 0)).toBe(0);
  }, 60_000);

  it('counts a report once when the registry stored it but its answer was lost and the gateway sent it again', async () => {
    stack.usageProxy.loseAnswers(1);
    const answers = await send(dashboard, SUPPLIER_RATINGS, K);
    expect(answers).toEqual(Array.from({ length: K }, () => ({ status: 200, errors: undefined })));
    await pollUntil(
      'a usage answer lost',
      async () => stack.usageProxy.answersLost,
      (n) => n === 1,
    );

    const usage = await settledUsage([[dashboard, M + K]]);

    expect(usage.usageClients).toEqual(expect.arrayContaining([{ ...dashboard, requests: M + K, errors: 0 }]));
    expect(fieldRequests(usage)).toMatchObject({ 'Supplier.rating': M + K, 'Supplier.country': N + K });
    const dropped = await stack.gateway.metrics.usageReportsDropped.get();
    expect(dropped.values.reduce((sum, value) => sum + value.value, 0)).toBe(0);
  }, 60_000);

  it('still counts every other client exactly when one operation is over 256 KB and one client name is huge', async () => {
    const kiosk = { name: 'kiosk', version: '1.0.0' };
    const poisoner = { name: 'poisoner', version: '1.0.0' };
    const longName = { name: `long-${'n'.repeat(10_000)}`, version: 'v'.repeat(2_000) };
    // 20 fragments with 7,600-character names: about 300 KB normalized, a few hundred tokens, cost 0.
    const names = Array.from({ length: 20 }, (_, i) => `F${i}${'x'.repeat(7_600)}`);
    const poison = `query Poison { ${names.map((name) => `...${name}`).join(' ')} } ${names
      .map((name) => `fragment ${name} on Query { __typename }`)
      .join(' ')}`;
    expect(poison.length).toBeGreaterThan(300_000);
    const answers = await Promise.all([
      send(kiosk, SUPPLIER_RATINGS, 3),
      send(poisoner, poison, 1),
      send(longName, SUPPLIER_RATINGS, 2),
    ]);
    expect(answers.flat()).toEqual(Array.from({ length: 6 }, () => ({ status: 200, errors: undefined })));

    // The gateway cuts the header values to 128 characters; the usage contract takes up to 200.
    const counted = { name: longName.name.slice(0, 128), version: longName.version.slice(0, 128) };
    const usage = await settledUsage([
      [kiosk, 3],
      [poisoner, 1],
      [counted, 2],
    ]);

    expect(usage.usageClients).toEqual(
      expect.arrayContaining([
        { ...kiosk, requests: 3, errors: 0 },
        { ...poisoner, requests: 1, errors: 0 },
        { ...counted, requests: 2, errors: 0 },
      ]),
    );
    expect(fieldRequests(usage)).toMatchObject({ 'Supplier.rating': M + K + 5 });
    expect(usage.usageOperations).toEqual(
      expect.arrayContaining([{ name: 'Poison', type: 'query', requests: 1, errors: 0 }]),
    );
    const dropped = [
      ...(await stack.gateway.metrics.usageReportsDropped.get()).values,
      ...(await stack.gateway.metrics.usageEntriesDropped.get()).values,
    ];
    expect(dropped.reduce((sum, value) => sum + value.value, 0)).toBe(0);
  }, 60_000);

  it('blocks a check removing a field the iOS app uses, naming the client, and passes one removing an unused field', async () => {
    const blocked = await check('suppliers', removeField(publishedSdl('suppliers'), 'Supplier', 'country'));
    expect(blocked.code).toBe(1);
    expect(blocked.output.ok).toBe(false);
    expect(blocked.output.changes).toEqual([
      expect.objectContaining({
        type: 'FIELD_REMOVED',
        coordinate: 'Supplier.country',
        criticality: 'BREAKING',
        blocking: true,
        usage: expect.objectContaining({ requests: N + K, clients: [{ ...iosApp, requests: N + K }] }),
      }),
    ]);

    const passed = await check('accounts', removeField(publishedSdl('accounts'), 'Clinic', 'createdAt'));
    expect(passed.output.changes).toEqual([
      expect.objectContaining({
        type: 'FIELD_REMOVED',
        coordinate: 'Clinic.createdAt',
        criticality: 'BREAKING',
        blocking: false,
        usage: expect.objectContaining({ requests: 0, clients: [] }),
      }),
    ]);
    expect(passed.output.ok).toBe(true);
    expect(passed.code).toBe(0);
  });
});
