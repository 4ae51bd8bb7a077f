import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../db/openDatabase';
import { backendTitle, openTestDatabase, storageBackends } from '../db/testing/testDatabase';
import { createRegistryServer, type RegistryServer } from '../server';
import { ensureAdminToken } from '../tokens/manageTokens';
import { type Composer, createComposer, defaultCompositionSettings } from './createComposer';

const adminToken = 'admin-token-for-the-composition-tests';
const backends = await storageBackends();

const demo = ['accounts', 'catalog', 'orders', 'suppliers'].map((name) => ({
  name,
  sdl: readFileSync(new URL(`../../../schemas/${name}.graphql`, import.meta.url), 'utf8'),
}));

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';

/** 10,000 object types, each pointing at the next: deep enough to overflow composition's recursive walks. */
const chainSdl = [
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])',
  'type Query { chainStart: T0 }',
  ...Array.from({ length: 10_000 }, (_, index) => `type T${index} { id: ID! next: T${index + 1} }`),
  'type T10000 { id: ID! }',
].join('\n');

const publishMutation = /* GraphQL */ `
  mutation Publish($input: PublishSubgraphInput!) {
    publishSubgraph(input: $input) { status message supergraphVersion { version } }
  }
`;

/** The registry's composer, telling the test when a composition of `subgraph` starts and whether it settled. */
function observe(composer: Composer, subgraph: string) {
  let markStarted: () => void = () => undefined;
  const observed = {
    started: new Promise<void>((resolve) => {
      markStarted = resolve;
    }),
    settled: false,
    composer: {
      async compose(task) {
        if (task.changed !== subgraph) return composer.compose(task);
        markStarted();
        try {
          return await composer.compose(task);
        } finally {
          observed.settled = true;
        }
      },
      close: () => composer.close(),
    } satisfies Composer,
  };
  return observed;
}

describe.each(backends)('composition off the event loop on $name', (backend) => {
  describe.skipIf(backend.skipReason !== undefined)(backendTitle(backend), () => {
    let database: OpenedDatabase;
    let server: RegistryServer;
    let url: string;
    const composer = createComposer({
      ...defaultCompositionSettings,
      limits: { ...defaultCompositionSettings.limits, maxTypes: 20_000 },
    });
    const chain = observe(composer, 'chain');

    const publish = async (subgraph: string, sdl: string) => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({
          query: publishMutation,
          variables: {
            input: {
              graph: 'shop',
              variant: 'prod',
              subgraph,
              url: `http://${subgraph}.test/graphql`,
              sdl,
              create: true,
            },
          },
        }),
      });
      // biome-ignore lint/suspicious/noExplicitAny: assertions read the body by path.
      return { status: response.status, body: (await response.json()) as any };
    };

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      await ensureAdminToken(database.db, adminToken);
      server = createRegistryServer({
        db: database.db,
        logger: pino({ level: 'silent' }),
        limits: { maxSdlBytes: 2 * 1024 * 1024, maxBodyBytes: 4 * 1024 * 1024 },
        composer: chain.composer,
      });
      url = await server.listen(0);
    });

    afterAll(async () => {
      await server?.close();
      await composer.close();
      await database?.close();
    });

    it('publishes the demo graph through the worker pool', async () => {
      for (const subgraph of demo) {
        const result = await publish(subgraph.name, subgraph.sdl);
        expect(result.body.data?.publishSubgraph?.status, JSON.stringify(result.body)).toBe('PUBLISHED');
      }
    });

    it('keeps publishes racing for the variant lock both in the served supergraph', async () => {
      const [catalog, orders] = demo.filter((subgraph) => subgraph.name === 'catalog' || subgraph.name === 'orders');
      if (!catalog || !orders) throw new Error('demo subgraphs missing');
      const results = await Promise.all([
        publish('catalog', `${catalog.sdl}\nextend type Query { raceCatalog: String }\n`),
        publish('orders', `${orders.sdl}\nextend type Query { raceOrders: String }\n`),
      ]);
      expect(results.map((result) => result.body.data?.publishSubgraph?.status)).toEqual(['PUBLISHED', 'PUBLISHED']);
      const supergraph = await fetch(`${url}/v1/graphs/shop/variants/prod/supergraph`, {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      const sdl = await supergraph.text();
      expect(sdl).toContain('raceCatalog');
      expect(sdl).toContain('raceOrders');
    });

    it('answers /health and supergraph polls while 10,000 chained types compose, then a coded answer', async () => {
      const publishing = publish('chain', chainSdl);
      await chain.started;

      const health = await fetch(`${url}/health`);
      const poll = await fetch(`${url}/v1/graphs/shop/variants/prod/supergraph`, {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      // Both were answered before the composition settled: the event loop was free while it ran.
      expect(chain.settled).toBe(false);
      expect(health.status).toBe(200);
      expect(poll.status).toBe(200);
      expect(await poll.text()).toContain('raceOrders');

      // How deep a stack composition needs depends on the JIT, and how long it takes on the machine's load; the answer
      // is coded either way, never a 500.
      const result = await publishing;
      const code = result.body.errors?.[0]?.extensions?.code;
      expect(code).not.toBe('INTERNAL_SERVER_ERROR');
      const outcome = result.body.data?.publishSubgraph?.status ?? `${result.status} ${code}`;
      expect(
        ['PUBLISHED', 'COMPOSITION_FAILED', '422 COMPOSITION_FAILED', '422 COMPOSITION_TIMEOUT'],
        JSON.stringify(result.body),
      ).toContain(outcome);
    }, 300_000);

    it('refuses SDL nested 10,000 levels deep with 413 SCHEMA_TOO_LARGE naming MAX_SCHEMA_DEPTH, before parsing it', async () => {
      const levels = 10_000;
      const nested = {
        listType: `${link}\ntype Query { deep: ${'['.repeat(levels)}String${']'.repeat(levels)} }`,
        listDefault: `${link}\ntype Query { deep(a: [Int] = ${'['.repeat(levels)}1${']'.repeat(levels)}): Int }`,
        objectDefault: `${link}\ninput I { i: I a: Int }\ntype Query { deep(a: I = ${'{i: '.repeat(levels)}{a: 1}${'}'.repeat(levels)}): Int }`,
        directiveArgument: `${link}\ntype Query { deep: Int @tagged(with: ${'['.repeat(levels)}1${']'.repeat(levels)}) }\ndirective @tagged(with: [Int]) on FIELD_DEFINITION`,
        fieldSet: `${link}\ntype Query { t: T }\ntype T @key(fields: "${'a { '.repeat(levels)}id${' }'.repeat(levels)}") { id: ID! a: T }`,
      };
      for (const [shape, sdl] of Object.entries(nested)) {
        const result = await publish('deep', sdl);
        expect(result.status, `${shape}: ${JSON.stringify(result.body)}`).toBe(413);
        expect(result.body.errors?.[0]?.extensions).toMatchObject({
          code: 'SCHEMA_TOO_LARGE',
          subgraph: 'deep',
          size: { depth: 33 },
        });
        expect(result.body.errors?.[0]?.message).toContain('MAX_SCHEMA_DEPTH');
      }
      // The registry kept serving what it served.
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(200);
    });

    it('refuses 10,000 chained types with 413 SCHEMA_TOO_LARGE under the default type limit', async () => {
      const defaults = createComposer();
      const strict = createRegistryServer({
        db: database.db,
        logger: pino({ level: 'silent' }),
        limits: { maxSdlBytes: 2 * 1024 * 1024, maxBodyBytes: 4 * 1024 * 1024 },
        composer: defaults,
      });
      try {
        const response = await fetch(`${await strict.listen(0)}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
          body: JSON.stringify({
            query: publishMutation,
            variables: {
              input: {
                graph: 'shop',
                variant: 'prod',
                subgraph: 'longchain',
                url: 'http://longchain.test/graphql',
                sdl: chainSdl,
                create: true,
              },
            },
          }),
        });
        const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
        expect(response.status, JSON.stringify(body)).toBe(413);
        expect(body.errors?.[0]?.extensions?.code).toBe('SCHEMA_TOO_LARGE');
        expect(body.errors?.[0]?.message).toContain('10002 types');
      } finally {
        await strict.close();
        await defaults.close();
      }
    }, 60_000);
  });
});
