import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productsSdl, reviewsSdl } from './db/testing/fixtures';
import { backendTitle, storageBackends } from './db/testing/testDatabase';
import { adminToken, type ErrorBody, startTestRegistry, type TestRegistry } from './testing/startTestRegistry';

const backends = await storageBackends();

describe.each(backends)('registry HTTP API on $name', (backend) => {
  describe.skipIf(backend.skipReason !== undefined)(backendTitle(backend), () => {
    let api: TestRegistry;
    let registry: TestRegistry['registry'];
    let tokens: TestRegistry['tokens'];
    let tokenIds: TestRegistry['tokenIds'];
    const graphql: TestRegistry['graphql'] = (...args) => api.graphql(...args);
    const publish: TestRegistry['publish'] = (...args) => api.publish(...args);
    const fetchSupergraph: TestRegistry['fetchSupergraph'] = (...args) => api.fetchSupergraph(...args);
    const createToken: TestRegistry['createToken'] = (...args) => api.createToken(...args);

    beforeAll(async () => {
      api = await startTestRegistry(backend);
      ({ registry, tokens, tokenIds } = api);
      await api.createGraph('shop');
      await createToken('productsTeam', { scope: 'PUBLISH', graph: 'shop', subgraphs: ['products'] });
      await createToken('reviewsTeam', { scope: 'PUBLISH', graph: 'shop', subgraphs: ['reviews'] });
      await createToken('gateway', { scope: 'READ', graph: 'shop' });
      await createToken('otherGraph', { scope: 'PUBLISH', graph: 'elsewhere' });
      await createToken('revoked', { scope: 'READ', graph: 'shop' });
      await createToken('reporter', { scope: 'REPORT', graph: 'shop' });
    });

    afterAll(async () => {
      await api?.close();
    });

    it('answers /health and /ready without a token, / with the web page, and unknown paths with NOT_FOUND', async () => {
      expect((await fetch(`${registry.url}/health`)).status).toBe(200);
      const ready = await fetch(`${registry.url}/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ok' });
      const root = await fetch(`${registry.url}/`);
      expect(root.status).toBe(200);
      expect(root.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const unknown = await fetch(`${registry.url}/nope`, { headers: { authorization: `Bearer ${adminToken}` } });
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    });

    it('creates tokens shown once, stored hashed, listed for admins', async () => {
      expect(tokens.productsTeam).toMatch(/^sy_/);
      const { body } = await graphql(adminToken, '{ tokens { name scope graph subgraphs revokedAt } }');
      expect(body.data?.tokens).toContainEqual({
        name: 'productsTeam',
        scope: 'PUBLISH',
        graph: 'shop',
        subgraphs: ['products'],
        revokedAt: null,
      });
      expect(JSON.stringify(body)).not.toContain(tokens.productsTeam);
    });

    it('refuses invalid tokens to be created', async () => {
      const body = await createToken('bad', { scope: 'READ' });
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('publishes as admin and as the owning team, and refuses other teams', async () => {
      const asAdmin = await publish(adminToken, 'shop', 'products', productsSdl());
      expect(asAdmin.body.data?.publishSubgraph).toMatchObject({
        status: 'PUBLISHED',
        supergraphVersion: { version: 1 },
      });

      const asOwner = await publish(tokens.productsTeam, 'shop', 'products', productsSdl('price: Float'));
      expect(asOwner.body.data?.publishSubgraph).toMatchObject({
        status: 'PUBLISHED',
        supergraphVersion: { version: 2 },
        changes: [{ criticality: 'SAFE', coordinate: 'Product.price' }],
      });

      const otherTeam = await publish(tokens.reviewsTeam, 'shop', 'products', productsSdl('sku: String'));
      expect(otherTeam.status).toBe(403);
      expect(otherTeam.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      const ownReviews = await publish(tokens.reviewsTeam, 'shop', 'reviews', reviewsSdl());
      expect(ownReviews.body.data?.publishSubgraph.status).toBe('PUBLISHED');
    });

    it('never lets a read token publish', async () => {
      const result = await publish(tokens.gateway, 'shop', 'products', productsSdl('sku: String'));
      expect(result.status).toBe(403);
      expect(result.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('answers 401 without a token, with an unknown one, and with a revoked one', async () => {
      expect((await publish(undefined, 'shop', 'products', productsSdl())).status).toBe(401);
      const unknown = await publish('sy_not-a-real-token', 'shop', 'products', productsSdl());
      expect(unknown.status).toBe(401);
      expect(unknown.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

      expect((await fetchSupergraph(tokens.revoked, 'shop')).status).toBe(200);
      const revoked = await graphql(adminToken, 'mutation ($id: ID!) { revokeToken(id: $id) { revokedAt } }', {
        id: tokenIds.revoked,
      });
      expect(revoked.body.data?.revokeToken.revokedAt).toEqual(expect.any(String));
      const afterRevoke = await fetchSupergraph(tokens.revoked, 'shop');
      expect(afterRevoke.status).toBe(401);
      expect(await afterRevoke.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
      expect((await fetchSupergraph(undefined, 'shop')).status).toBe(401);
    });

    it("refuses another graph's token with 403 without revealing whether the graph exists", async () => {
      const existing = await publish(tokens.otherGraph, 'shop', 'products', productsSdl());
      const missing = await publish(tokens.otherGraph, 'nowhere', 'products', productsSdl());
      expect([existing.status, missing.status]).toEqual([403, 403]);
      expect(existing.body.errors?.[0]?.message.replace('shop', 'G')).toBe(
        missing.body.errors?.[0]?.message.replace('nowhere', 'G'),
      );

      const readExisting = await fetchSupergraph(tokens.otherGraph, 'shop');
      const readMissing = await fetchSupergraph(tokens.otherGraph, 'nowhere');
      expect([readExisting.status, readMissing.status]).toEqual([403, 403]);
      const existingBody = (await readExisting.json()) as ErrorBody;
      const missingBody = (await readMissing.json()) as ErrorBody;
      expect(existingBody.error.code).toBe('FORBIDDEN');
      expect(existingBody.error.message.replace('shop', 'G')).toBe(missingBody.error.message.replace('nowhere', 'G'));
    });

    it('serves the supergraph with ETag and X-Switchyard-Version, and 304 when unchanged', async () => {
      const response = await fetchSupergraph(tokens.gateway, 'shop');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      const etag = response.headers.get('etag') ?? '';
      expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
      const version = Number(response.headers.get('x-switchyard-version'));
      const sdl = await response.text();
      expect(sdl).toContain('join__Graph');

      const latest = await graphql(
        tokens.gateway,
        '{ supergraphVersion(graph: "shop", variant: "current") { version hash supergraphSdl } }',
      );
      expect(latest.body.data?.supergraphVersion).toEqual({ version, hash: etag.slice(1, -1), supergraphSdl: sdl });

      const cached = await fetchSupergraph(tokens.gateway, 'shop', { 'if-none-match': etag });
      expect(cached.status).toBe(304);
      expect(cached.headers.get('x-switchyard-version')).toBe(String(version));

      const stale = await fetchSupergraph(tokens.gateway, 'shop', { 'if-none-match': '"0000"' });
      expect(stale.status).toBe(200);
    });

    it('answers 404 NOT_FOUND before a variant has a supergraph', async () => {
      const response = await fetch(`${registry.url}/v1/graphs/shop/variants/staging/supergraph`, {
        headers: { authorization: `Bearer ${tokens.gateway}` },
      });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
    });

    it('lists subgraphs and versions, and diffs two versions', async () => {
      const { body } = await graphql(
        tokens.gateway,
        /* GraphQL */ `{
          subgraphs(graph: "shop", variant: "current") { name url latest { hash } }
          supergraphVersions(graph: "shop", variant: "current", limit: 2) { version changes { coordinate } subgraphs { subgraph } }
          diff(graph: "shop", variant: "current", from: 1, to: 2) { criticality coordinate }
        }`,
      );
      expect(body.errors).toBeUndefined();
      expect(body.data?.subgraphs.map((subgraph: { name: string }) => subgraph.name)).toEqual(['products', 'reviews']);
      expect(body.data?.supergraphVersions.map((version: { version: number }) => version.version)).toEqual([3, 2]);
      expect(body.data?.supergraphVersions[0].subgraphs).toEqual([{ subgraph: 'products' }, { subgraph: 'reviews' }]);
      expect(body.data?.diff).toEqual([{ criticality: 'SAFE', coordinate: 'Product.price' }]);
    });

    it('rolls back as admin, and refuses a team limited to one subgraph', async () => {
      const refused = await graphql(
        tokens.productsTeam,
        'mutation { rollbackSupergraph(graph: "shop", variant: "current", toVersion: 1) { version } }',
      );
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const { body } = await graphql(
        adminToken,
        'mutation { rollbackSupergraph(graph: "shop", variant: "current", toVersion: 1) { version rolledBackFrom subgraphs { subgraph } } }',
      );
      expect(body.data?.rollbackSupergraph).toEqual({
        version: 4,
        rolledBackFrom: 1,
        subgraphs: [{ subgraph: 'products' }],
      });
      const served = await fetchSupergraph(tokens.gateway, 'shop');
      expect(served.headers.get('x-switchyard-version')).toBe('4');
    });

    it('refuses SDL over MAX_SDL_BYTES with 413 SCHEMA_TOO_LARGE', async () => {
      const result = await publish(adminToken, 'shop', 'products', productsSdl(`# ${'x'.repeat(20 * 1024)}`));
      expect(result.status).toBe(413);
      expect(result.body.errors?.[0]?.extensions?.code).toBe('SCHEMA_TOO_LARGE');
    });

    it('refuses bodies over MAX_BODY_BYTES with 413', async () => {
      const result = await publish(adminToken, 'shop', 'products', 'x'.repeat(80 * 1024));
      expect(result.status).toBe(413);
      expect(result.body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('accepts usage reports from REPORT tokens on POST /v1/usage', async () => {
      const report = {
        id: randomUUID(),
        graph: 'shop',
        variant: 'current',
        gateway: { id: 'gateway-1', version: '0.1.0' },
        window: { start: new Date(Date.now() - 60_000).toISOString(), end: new Date().toISOString() },
        operations: [],
      };
      const send = (token: string | undefined) =>
        fetch(`${registry.url}/v1/usage`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(report),
        });
      const accepted = await send(tokens.reporter);
      expect(accepted.status).toBe(202);
      expect(await accepted.json()).toEqual({ accepted: { operations: 0 } });
      expect((await send(undefined)).status).toBe(401);
      expect((await send(tokens.gateway)).status).toBe(403);
    });

    it('answers a check through the API without creating a version', async () => {
      const { body } = await graphql(
        tokens.productsTeam,
        'mutation ($input: CheckSubgraphInput!) { checkSubgraph(input: $input) { id ok message changes { criticality coordinate } } }',
        { input: { graph: 'shop', variant: 'current', subgraph: 'products', sdl: productsSdl('sku: String') } },
      );
      expect(body.data?.checkSubgraph).toMatchObject({
        ok: true,
        changes: [{ criticality: 'SAFE', coordinate: 'Product.sku' }],
      });
      const served = await fetchSupergraph(tokens.gateway, 'shop');
      expect(served.headers.get('x-switchyard-version')).toBe('4');
    });
  });
});
