import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickDatabase } from './page/pickDatabase';
import { startQueryStream } from './registry/startQueryStream';
import type { RegistryGateway } from './registry/startRegistryGateway';
import { type RegistryStack, startRegistryStack } from './registry/startRegistryStack';
import { waitUntil } from './registry/waitUntil';

/** Catalog's supplies with their best offer from suppliers: every answer crosses two subgraphs. */
const SUPPLIES_WITH_OFFERS = /* GraphQL */ `
  query SuppliesWithOffers {
    searchSupplies(first: 3) {
      edges { node { id sku name bestOffer { supplier { id name } unitPrice { formatted } } } }
    }
  }
`;
const SUPPLY_FIELDS = /* GraphQL */ `{ __type(name: "Supply") { fields { name } } }`;

interface SuppliesWithOffers {
  searchSupplies: {
    edges: { node: { id: string; sku: string; bestOffer: { supplier: { id: string } } | null } }[];
  };
}

/** Adds a nullable `field: String` to catalog's `Supply`; catalog does not resolve it, it only shows in the schema. */
function withSupplyField(sdl: string, field: string): string {
  const changed = sdl.replace(
    /(\btype Supply\b[^{]*\{\n)/,
    `$1  """Added by the registry e2e test."""\n  ${field}: String\n\n`,
  );
  if (changed === sdl) throw new Error('catalog SDL has no `type Supply { … }` to add a field to');
  return changed;
}

/** Makes catalog's shareable `PageInfo.hasNextPage` a `String!` where suppliers and orders say `Boolean!`. */
function withConflictingPageInfo(sdl: string): string {
  const changed = sdl.replace(/(\btype PageInfo\b[^}]*hasNextPage: )Boolean!/, '$1String!');
  if (changed === sdl) throw new Error('catalog SDL has no `PageInfo.hasNextPage: Boolean!` to change');
  return changed;
}

async function supplyFields(gateway: RegistryGateway): Promise<string[]> {
  const { data } = await gateway.query<{ __type: { fields: { name: string }[] } | null }>(SUPPLY_FIELDS);
  return data?.__type?.fields.map((field) => field.name) ?? [];
}

describe('the gateway follows the registry', () => {
  let stack: RegistryStack;
  let gateway: RegistryGateway;
  let cachePath: string;

  beforeAll(async () => {
    const database = await pickDatabase();
    console.info(`registry gateway e2e on ${database.label}`);
    stack = await startRegistryStack({ databaseUrl: database.url });
    cachePath = stack.newCachePath();
    gateway = await stack.startGateway(cachePath);
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('serves a new version of a subgraph published with the CLI while a stream of queries runs, and none of them fails', async () => {
    const versionBefore = await stack.servedVersion();
    expect(gateway.supergraphId()).toMatch(new RegExp(`^v${versionBefore}:`));
    expect(await supplyFields(gateway)).not.toContain('reorderNote');

    const stream = startQueryStream(gateway.url, SUPPLIES_WITH_OFFERS, 4);
    try {
      await waitUntil('the stream has answers before the publish', () => stream.outcomes.length >= 8);
      const published = await stack.publishWithCli('catalog', withSupplyField(stack.sdlOf('catalog'), 'reorderNote'));
      expect(published.code, `${published.stdout}${published.stderr}`).toBe(0);
      await waitUntil('the gateway serves Supply.reorderNote', async () =>
        (await supplyFields(gateway)).includes('reorderNote'),
      );
      const atSwap = stream.outcomes.length;
      await waitUntil('the stream has answers on the new version', () => stream.outcomes.length >= atSwap + 8);
    } finally {
      await stream.stop();
    }

    expect(await stack.servedVersion()).toBe(versionBefore + 1);
    expect(gateway.supergraphId()).toMatch(new RegExp(`^v${versionBefore + 1}:`));
    const failed = stream.outcomes.filter((outcome) => outcome.status !== 200 || outcome.errors !== undefined);
    console.info(`stream over the version swap: ${stream.outcomes.length} requests, ${failed.length} failed`);
    expect(failed).toEqual([]);
    expect(stream.outcomes.length).toBeGreaterThanOrEqual(16);
  });

  it('keeps the served version and keeps answering when a publish fails composition', async () => {
    const versionBefore = await stack.servedVersion();
    const idBefore = gateway.supergraphId();

    const published = await stack.publishWithCli('catalog', withConflictingPageInfo(stack.sdlOf('catalog')));
    expect(published.code, `${published.stdout}${published.stderr}`).toBe(1);
    expect(`${published.stdout}${published.stderr}`).toMatch(/does not compose/);
    expect(`${published.stdout}${published.stderr}`).toMatch(/FIELD_TYPE_MISMATCH.*PageInfo\.hasNextPage/);

    expect(await stack.servedVersion()).toBe(versionBefore);
    // Polls after the failed publish leave the gateway on the version it had.
    const requests = stack.supergraphRequests();
    await waitUntil('the gateway polls the registry twice more', () => stack.supergraphRequests() >= requests + 2);
    expect(gateway.supergraphId()).toBe(idBefore);
    const answer = await gateway.query<SuppliesWithOffers>(SUPPLIES_WITH_OFFERS);
    expect(answer.status).toBe(200);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.searchSupplies.edges).toHaveLength(3);
  });

  it('starts from its cached supergraph while the registry is down, and follows the registry once it is back', async () => {
    const served = gateway.supergraphId();
    expect(readFileSync(cachePath, 'utf8')).toContain(`id=${served} `);

    await stack.stopRegistry();
    await expect(fetch(`${stack.registryUrl}/health`)).rejects.toThrow();
    const running = await gateway.query<SuppliesWithOffers>(SUPPLIES_WITH_OFFERS);
    expect({ status: running.status, errors: running.errors }).toEqual({ status: 200, errors: undefined });
    const second = await stack.startGateway(cachePath);
    expect(second.supergraphId()).toBe(served);
    expect((await fetch(new URL('/ready', second.url))).status).toBe(200);
    const answer = await second.query<SuppliesWithOffers>(SUPPLIES_WITH_OFFERS);
    expect(answer.status).toBe(200);
    expect(answer.errors).toBeUndefined();
    const edges = answer.data?.searchSupplies.edges ?? [];
    expect(edges).toHaveLength(3);
    expect(edges.filter(({ node }) => node.bestOffer !== null).length).toBeGreaterThan(0);
    expect(await supplyFields(second)).toEqual(await supplyFields(gateway));

    await stack.startRegistryAgain();
    const sdl = withSupplyField(withSupplyField(stack.sdlOf('catalog'), 'reorderNote'), 'restockNote');
    const published = await stack.publishWithCli('catalog', sdl);
    expect(published.code, `${published.stdout}${published.stderr}`).toBe(0);
    // The registry was down at its start, so the gateway polls with backoff (1 s, 2 s, 4 s…) until it answers.
    await waitUntil(
      'the gateway started from the cache serves Supply.restockNote',
      async () => (await supplyFields(second)).includes('restockNote'),
      { timeoutMs: 40_000 },
    );
    await waitUntil(
      'the gateway that ran all along serves Supply.restockNote',
      async () => (await supplyFields(gateway)).includes('restockNote'),
      { timeoutMs: 40_000 },
    );
  }, 90_000);
});
