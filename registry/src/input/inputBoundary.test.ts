import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productsSdl, reviewsSdl } from '../db/testing/fixtures';
import { backendTitle, storageBackends } from '../db/testing/testDatabase';
import {
  adminToken,
  type ErrorBody,
  publishMutation,
  startTestRegistry,
  type TestRegistry,
} from '../testing/startTestRegistry';

const backends = await storageBackends();

// What a careless or hostile caller sends at the registry's boundary: every case answers 400 with a code.
describe.each(backends)('registry input boundary on $name', (backend) => {
  describe.skipIf(backend.skipReason !== undefined)(backendTitle(backend), () => {
    let api: TestRegistry;
    let registry: TestRegistry['registry'];
    let tokens: TestRegistry['tokens'];
    const graphql: TestRegistry['graphql'] = (...args) => api.graphql(...args);
    const publish: TestRegistry['publish'] = (...args) => api.publish(...args);
    const fetchSupergraph: TestRegistry['fetchSupergraph'] = (...args) => api.fetchSupergraph(...args);

    beforeAll(async () => {
      api = await startTestRegistry(backend);
      ({ registry, tokens } = api);
      await api.createGraph('shop');
      await api.createToken('productsTeam', { scope: 'PUBLISH', graph: 'shop', subgraphs: ['products'] });
      await api.createToken('gateway', { scope: 'READ', graph: 'shop' });
      await api.createToken('reporter', { scope: 'REPORT', graph: 'shop' });
      await publish(adminToken, 'shop', 'products', productsSdl());
      await publish(adminToken, 'shop', 'reviews', reviewsSdl());
    });

    afterAll(async () => {
      await api?.close();
    });

    it('refuses a team token pointing its routing URL at metadata, credentials or CR/LF with 400 INVALID_ROUTING_URL', async () => {
      const before = (await fetchSupergraph(tokens.gateway, 'shop')).headers.get('x-switchyard-version');
      const urls = [
        'http://169.254.169.254/latest/meta-data/',
        'http://[fe80::1]:4001/graphql',
        'http://metadata.google.internal/computeMetadata/v1/',
        'http://user:secret@products.test/graphql',
        'http://products.test/graphql\r\nX-Injected: 1',
        'gopher://products.test/graphql',
        `http://products.test/${'a'.repeat(2100)}`,
      ];
      for (const url of urls) {
        const published = await graphql(tokens.productsTeam, publishMutation, {
          input: { graph: 'shop', variant: 'current', subgraph: 'products', url, sdl: productsSdl('url: String') },
        });
        expect([url.slice(0, 60), published.status, published.body.errors?.[0]?.extensions?.code]).toEqual([
          url.slice(0, 60),
          400,
          'INVALID_ROUTING_URL',
        ]);
        const checked = await graphql(
          tokens.productsTeam,
          'mutation ($input: CheckSubgraphInput!) { checkSubgraph(input: $input) { ok } }',
          { input: { graph: 'shop', variant: 'current', subgraph: 'products', url, sdl: productsSdl() } },
        );
        expect(checked.body.errors?.[0]?.extensions?.code).toBe('INVALID_ROUTING_URL');
      }
      expect((await fetchSupergraph(tokens.gateway, 'shop')).headers.get('x-switchyard-version')).toBe(before);
    });

    it('answers malformed percent-encoding, NUL bytes, lone surrogates and bad names with 400 and a code', async () => {
      const get = async (path: string) => {
        const response = await fetch(`${registry.url}${path}`, { headers: { authorization: `Bearer ${adminToken}` } });
        return { status: response.status, body: (await response.json()) as ErrorBody };
      };
      expect(await get('/v1/graphs/%ZZ/variants/prod/supergraph')).toMatchObject({
        status: 400,
        body: { error: { code: 'MALFORMED_INPUT' } },
      });
      expect(await get('/v1/graphs/shop%00/variants/current/supergraph')).toMatchObject({
        status: 400,
        body: { error: { code: 'MALFORMED_INPUT' } },
      });
      expect(await get('/v1/graphs/%ED%A0%80/variants/current/supergraph')).toMatchObject({ status: 400 });
      const upper = await get('/v1/graphs/Shop/variants/current/supergraph');
      expect(upper).toMatchObject({ status: 400, body: { error: { code: 'INVALID_NAME' } } });
      expect(upper.body.error.message).toContain('lower-case letters, digits, "-" and "_"');
      expect(await get(`/v1/graphs/${'a'.repeat(65)}/variants/current/supergraph`)).toMatchObject({
        status: 400,
        body: { error: { code: 'INVALID_NAME' } },
      });

      const versionsQuery =
        'query ($graph: String!) { supergraphVersions(graph: $graph, variant: "current") { version } }';
      const nul = await graphql(adminToken, versionsQuery, { graph: 'shop\u0000' });
      expect([nul.status, nul.body.errors?.[0]?.extensions?.code]).toEqual([400, 'MALFORMED_INPUT']);
      const surrogate = await graphql(adminToken, versionsQuery, { graph: 'shop\uD800' });
      expect([surrogate.status, surrogate.body.errors?.[0]?.extensions?.code]).toEqual([400, 'MALFORMED_INPUT']);
      const long = await graphql(adminToken, versionsQuery, { graph: 'a'.repeat(10_000) });
      expect([long.status, long.body.errors?.[0]?.extensions?.code]).toEqual([400, 'INVALID_NAME']);
      const inline = await graphql(adminToken, '{ subgraphs(graph: "shop", variant: "Current") { name } }');
      expect([inline.status, inline.body.errors?.[0]?.extensions?.code]).toEqual([400, 'INVALID_NAME']);
      const author = await graphql(adminToken, publishMutation, {
        input: {
          graph: 'shop',
          variant: 'current',
          subgraph: 'products',
          url: 'http://products.test/graphql',
          sdl: productsSdl('a: Int'),
          author: 'x\uDFFF',
        },
      });
      expect([author.status, author.body.errors?.[0]?.extensions?.code]).toEqual([400, 'MALFORMED_INPUT']);
      const badSubgraph = await publish(adminToken, 'shop', 'Products', productsSdl());
      expect([badSubgraph.status, badSubgraph.body.errors?.[0]?.extensions?.code]).toEqual([400, 'INVALID_NAME']);

      const report = (overrides: Record<string, unknown>) => ({
        id: randomUUID(),
        graph: 'shop',
        variant: 'current',
        gateway: { id: 'gateway-1', version: '0.1.0' },
        window: { start: new Date(Date.now() - 60_000).toISOString(), end: new Date().toISOString() },
        operations: [],
        ...overrides,
      });
      const sendReport = async (body: unknown) => {
        const response = await fetch(`${registry.url}/v1/usage`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.reporter}` },
          body: JSON.stringify(body),
        });
        return { status: response.status, text: await response.text() };
      };
      const loneSurrogate = await sendReport(report({ gateway: { id: 'gw-\uD83D', version: '0.1.0' } }));
      expect(loneSurrogate.status).toBe(400);
      expect(loneSurrogate.text).toContain('BAD_USAGE_REPORT');
      expect(loneSurrogate.text).toContain('lone surrogate at gateway.id');
      const nulVariant = await sendReport(report({ variant: 'current\u0000' }));
      expect([nulVariant.status, nulVariant.text.includes('NUL byte at variant')]).toEqual([400, true]);
      const badName = await sendReport(report({ variant: 'Current' }));
      expect([badName.status, badName.text.includes('lower-case letters')]).toEqual([400, true]);
    });
  });
});
