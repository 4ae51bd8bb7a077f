import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checks,
  graphs,
  subgraphs,
  subgraphVersions,
  supergraphVersions,
  tokens,
  usageCoordinatesHourly,
  usageOperations,
  variants,
} from '../db/schema';
import { productsSdl, reviewsSdl } from '../db/testing/fixtures';
import { backendTitle, storageBackends } from '../db/testing/testDatabase';
import { adminToken, publishMutation, startTestRegistry, type TestRegistry } from '../testing/startTestRegistry';
import { clientEntry, operationEntry, usageReport } from '../usage/testing/reportFixtures';

const backends = await storageBackends();

describe.each(backends)('graph lifecycle on $name', (backend) => {
  describe.skipIf(backend.skipReason !== undefined)(backendTitle(backend), () => {
    let api: TestRegistry;

    beforeAll(async () => {
      api = await startTestRegistry(backend);
    });
    afterAll(async () => api?.close());

    const graphNames = async () =>
      (await api.registry.db.select({ name: graphs.name }).from(graphs)).map((g) => g.name);
    const checkMutation = 'mutation ($input: CheckSubgraphInput!) { checkSubgraph(input: $input) { ok message } }';
    const sendUsage = (token: string | undefined, graph: string) =>
      fetch(`${api.registry.url}/v1/usage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token ?? ''}` },
        body: JSON.stringify(
          usageReport(
            new Date(Date.now() - 60_000),
            [
              operationEntry(
                'query Names { products { name } }',
                ['Query.products', 'Product.name'],
                [clientEntry('web', '1.0', 3)],
              ),
            ],
            graph,
            'current',
          ),
        ),
      });

    /** Every row of `variantIds` in each table that hangs off a variant. */
    async function rowsOf(variantIds: string[]) {
      const db = api.registry.db;
      if (variantIds.length === 0)
        return { subgraphs: 0, versions: 0, supergraphs: 0, checks: 0, usage: 0, coordinates: 0 };
      const count = async (query: Promise<{ n: number }[]>) => Number((await query)[0]?.n ?? 0);
      const n = sql<number>`count(*)`;
      return {
        subgraphs: await count(db.select({ n }).from(subgraphs).where(inArray(subgraphs.variantId, variantIds))),
        versions: await count(
          db
            .select({ n })
            .from(subgraphVersions)
            .innerJoin(subgraphs, eq(subgraphs.id, subgraphVersions.subgraphId))
            .where(inArray(subgraphs.variantId, variantIds)),
        ),
        supergraphs: await count(
          db.select({ n }).from(supergraphVersions).where(inArray(supergraphVersions.variantId, variantIds)),
        ),
        checks: await count(db.select({ n }).from(checks).where(inArray(checks.variantId, variantIds))),
        usage: await count(
          db.select({ n }).from(usageOperations).where(inArray(usageOperations.variantId, variantIds)),
        ),
        coordinates: await count(
          db.select({ n }).from(usageCoordinatesHourly).where(inArray(usageCoordinatesHourly.variantId, variantIds)),
        ),
      };
    }

    it('refuses publish and check to an unknown graph or variant with 404 and a code, creating nothing', async () => {
      await api.createToken('typoPublisher', { scope: 'PUBLISH', graph: 'typo' });
      await api.createToken('typoReporter', { scope: 'REPORT', graph: 'typo' });
      const input = { graph: 'typo', variant: 'current', subgraph: 'products', sdl: productsSdl() };
      const check = await api.graphql(adminToken, checkMutation, { input });
      expect(check.status).toBe(404);
      expect(check.body.errors?.[0]).toMatchObject({
        message: expect.stringContaining('Graph "typo" does not exist'),
        extensions: { code: 'GRAPH_NOT_FOUND' },
      });
      const publish = await api.publish(adminToken, 'typo', 'products', productsSdl());
      expect(publish.status).toBe(404);
      expect(publish.body.errors?.[0]?.extensions?.code).toBe('GRAPH_NOT_FOUND');
      // --create needs an ADMIN token: a PUBLISH token of the graph cannot bring it into being.
      const asPublisher = await api.graphql(api.tokens.typoPublisher, publishMutation, {
        input: { ...input, url: 'http://products.test/graphql', create: true },
      });
      expect(asPublisher.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      // Neither the gateway's supergraph poll nor its usage reports create it.
      expect((await api.fetchSupergraph(adminToken, 'typo')).status).toBe(404);
      expect((await sendUsage(api.tokens.typoReporter, 'typo')).status).toBe(400);
      expect(await graphNames()).not.toContain('typo');

      await api.createGraph('typo', 'prod');
      const variant = await api.graphql(adminToken, checkMutation, { input });
      expect(variant.status).toBe(404);
      expect(variant.body.errors?.[0]).toMatchObject({
        message: expect.stringContaining('Graph "typo" has no variant "current"'),
        extensions: { code: 'VARIANT_NOT_FOUND' },
      });
      const { body } = await api.graphql(adminToken, '{ graphs { name variants } }');
      expect(body.data?.graphs).toContainEqual({ name: 'typo', variants: ['prod'] });
    });

    it('creates graphs and variants as admin only, refusing duplicates', async () => {
      await api.createToken('pubOnly', { scope: 'PUBLISH', graph: 'made' });
      const create =
        'mutation ($graph: String!, $variant: String!) { createGraph(graph: $graph, variant: $variant) { name variants } }';
      const refused = await api.graphql(api.tokens.pubOnly, create, { graph: 'made', variant: 'prod' });
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const made = await api.graphql(adminToken, create, { graph: 'made', variant: 'prod' });
      expect(made.body.data?.createGraph).toEqual({ name: 'made', variants: ['prod'] });
      const staging = await api.graphql(adminToken, create, { graph: 'made', variant: 'staging' });
      expect(staging.body.data?.createGraph).toEqual({ name: 'made', variants: ['prod', 'staging'] });
      const twice = await api.graphql(adminToken, create, { graph: 'made', variant: 'prod' });
      expect(twice.status).toBe(409);
      expect(twice.body.errors?.[0]?.extensions?.code).toBe('ALREADY_EXISTS');
    });

    it('deletes a graph with its versions, checks, usage and tokens, leaving other graphs alone', async () => {
      await api.createToken('doomedPublisher', { scope: 'PUBLISH', graph: 'doomed' });
      await api.createToken('doomedReporter', { scope: 'REPORT', graph: 'doomed' });
      await api.createToken('keptReporter', { scope: 'REPORT', graph: 'kept' });
      const created = await api.graphql(adminToken, publishMutation, {
        input: {
          graph: 'doomed',
          variant: 'current',
          subgraph: 'products',
          url: 'http://products.test/graphql',
          sdl: productsSdl(),
          create: true,
        },
      });
      expect(created.body.data?.publishSubgraph.status).toBe('PUBLISHED');
      await api.createGraph('doomed', 'staging');
      await api.publish(api.tokens.doomedPublisher, 'doomed', 'reviews', reviewsSdl());
      await api.graphql(api.tokens.doomedPublisher, checkMutation, {
        input: { graph: 'doomed', variant: 'current', subgraph: 'products', sdl: productsSdl('sku: String') },
      });
      expect((await sendUsage(api.tokens.doomedReporter, 'doomed')).status).toBe(202);
      await api.createGraph('kept');
      await api.publish(adminToken, 'kept', 'products', productsSdl());
      expect((await sendUsage(api.tokens.keptReporter, 'kept')).status).toBe(202);

      const db = api.registry.db;
      const variantIdsOf = async (graph: string) =>
        (
          await db
            .select({ id: variants.id })
            .from(variants)
            .innerJoin(graphs, eq(graphs.id, variants.graphId))
            .where(eq(graphs.name, graph))
        ).map((row) => row.id);
      const doomedVariants = await variantIdsOf('doomed');
      expect(doomedVariants).toHaveLength(2);
      expect(await rowsOf(doomedVariants)).toEqual({
        subgraphs: 2,
        versions: 2,
        supergraphs: 2,
        checks: 1,
        usage: 1,
        coordinates: 2,
      });
      const keptBefore = await rowsOf(await variantIdsOf('kept'));

      const deleteGraph =
        'mutation ($graph: String!) { deleteGraph(graph: $graph) { graph { name variants } deletedTokens } }';
      const refused = await api.graphql(api.tokens.doomedPublisher, deleteGraph, { graph: 'doomed' });
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const deleted = await api.graphql(adminToken, deleteGraph, { graph: 'doomed' });
      expect(deleted.body.data?.deleteGraph).toEqual({
        graph: { name: 'doomed', variants: ['current', 'staging'] },
        deletedTokens: 2,
      });

      expect(await graphNames()).not.toContain('doomed');
      expect(await db.select().from(variants).where(inArray(variants.id, doomedVariants))).toEqual([]);
      expect(await rowsOf(doomedVariants)).toEqual({
        subgraphs: 0,
        versions: 0,
        supergraphs: 0,
        checks: 0,
        usage: 0,
        coordinates: 0,
      });
      expect(await db.select().from(tokens).where(eq(tokens.graph, 'doomed'))).toEqual([]);
      // The deleted graph's tokens no longer authenticate; the other graph's data is untouched.
      expect((await api.fetchSupergraph(api.tokens.doomedPublisher, 'doomed')).status).toBe(401);
      expect(await rowsOf(await variantIdsOf('kept'))).toEqual(keptBefore);
      expect((await api.fetchSupergraph(adminToken, 'kept')).status).toBe(200);

      const again = await api.graphql(adminToken, deleteGraph, { graph: 'doomed' });
      expect(again.body.errors?.[0]?.extensions?.code).toBe('GRAPH_NOT_FOUND');
    });

    it('deletes one variant with its versions, keeping the graph, its other variants and its tokens', async () => {
      await api.createToken('twoVariants', { scope: 'READ', graph: 'pair' });
      await api.createGraph('pair');
      await api.createGraph('pair', 'staging');
      await api.publish(adminToken, 'pair', 'products', productsSdl());
      const [current] = await api.registry.db
        .select({ id: variants.id })
        .from(variants)
        .innerJoin(graphs, eq(graphs.id, variants.graphId))
        .where(sql`${graphs.name} = 'pair' and ${variants.name} = 'current'`);
      const deleteVariant =
        'mutation ($graph: String!, $variant: String!) { deleteVariant(graph: $graph, variant: $variant) { name variants } }';
      const deleted = await api.graphql(adminToken, deleteVariant, { graph: 'pair', variant: 'current' });
      expect(deleted.body.data?.deleteVariant).toEqual({ name: 'pair', variants: ['staging'] });
      expect(await rowsOf([current?.id ?? ''])).toMatchObject({ subgraphs: 0, versions: 0, supergraphs: 0 });
      expect((await api.fetchSupergraph(api.tokens.twoVariants, 'pair')).status).toBe(404);
      const missing = await api.graphql(adminToken, deleteVariant, { graph: 'pair', variant: 'current' });
      expect(missing.body.errors?.[0]?.extensions?.code).toBe('VARIANT_NOT_FOUND');
    });
  });
});
