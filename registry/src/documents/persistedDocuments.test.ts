import { hashDocument } from '@switchyard/registry-client/persisted-documents';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productsSdl, reviewsSdl } from '../db/testing/fixtures';
import { backendTitle, storageBackends } from '../db/testing/testDatabase';
import { findVariant } from '../repositories/graphRepository';
import { findDocumentsUsing, listManifests, replaceManifest } from '../repositories/persistedDocumentRepository';
import { adminToken, startTestRegistry, type TestRegistry } from '../testing/startTestRegistry';
import { publishDocuments } from './publishDocuments';

const backends = await storageBackends();

const publishDocumentsMutation = /* GraphQL */ `
  mutation ($input: PublishDocumentsInput!) {
    publishDocuments(input: $input) { ok message documents replaced invalid { id name messages } }
  }
`;
const manifestsQuery = /* GraphQL */ `
  query ($graph: String!, $variant: String!, $client: String) {
    documentManifests(graph: $graph, variant: $variant, client: $client) {
      client clientVersion documentCount documents { id operationName operationType coordinates }
    }
  }
`;
const deleteMutation = /* GraphQL */ `
  mutation ($graph: String!, $variant: String!, $client: String!, $clientVersion: String) {
    deleteDocuments(graph: $graph, variant: $variant, client: $client, clientVersion: $clientVersion) { client clientVersion }
  }
`;

const namesBody = 'query Names { products { name } }';
const reviewsBody = 'query Reviews($id: ID!) { product(id: $id) { reviews { body } } }';
const apolloManifest = (operations: { id?: string; name: string; body: string }[]) =>
  JSON.stringify({
    format: 'apollo-persisted-query-manifest',
    version: 1,
    operations: operations.map((operation) => ({ type: 'query', ...operation })),
  });

describe.each(backends)('persisted documents on $name', (backend) => {
  describe.skipIf(backend.skipReason !== undefined)(backendTitle(backend), () => {
    let api: TestRegistry;

    beforeAll(async () => {
      api = await startTestRegistry(backend);
      for (const graph of ['shop', 'plain']) {
        await api.createGraph(graph);
        await api.publish(adminToken, graph, 'products', productsSdl());
        await api.publish(adminToken, graph, 'reviews', reviewsSdl());
      }
      await api.createToken('shopRead', { scope: 'READ', graph: 'shop' });
      await api.createToken('shopPublish', { scope: 'PUBLISH', graph: 'shop', subgraphs: ['products'] });
    });
    afterAll(async () => api?.close());

    const publish = (token: string | undefined, client: string, clientVersion: string, manifest: string) =>
      api.graphql(token, publishDocumentsMutation, {
        input: { graph: 'shop', variant: 'current', client, clientVersion, manifest },
      });
    const fetchDocuments = (token: string | undefined, graph: string, headers: Record<string, string> = {}) =>
      fetch(`${api.registry.url}/v1/graphs/${graph}/variants/current/persisted-documents`, {
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      });

    it('stores a valid Apollo manifest, with ids the SHA-256 of bodies unless given, and serves it to gateways with an ETag', async () => {
      const { body } = await publish(
        api.tokens.shopPublish,
        'web',
        '1.0.0',
        apolloManifest([
          { name: 'Names', body: namesBody },
          { id: 'reviews-v1', name: 'Reviews', body: reviewsBody },
        ]),
      );
      expect(body.data?.publishDocuments).toEqual({
        ok: true,
        message: 'Published 2 documents of web 1.0.0 to shop@current.',
        documents: 2,
        replaced: false,
        invalid: [],
      });
      const listed = await api.graphql(api.tokens.shopRead, manifestsQuery, { graph: 'shop', variant: 'current' });
      expect(listed.body.data?.documentManifests).toEqual([
        {
          client: 'web',
          clientVersion: '1.0.0',
          documentCount: 2,
          documents: expect.arrayContaining([
            {
              id: hashDocument(namesBody),
              operationName: 'Names',
              operationType: 'query',
              coordinates: ['Product.name', 'Query.products'],
            },
            {
              id: 'reviews-v1',
              operationName: 'Reviews',
              operationType: 'query',
              coordinates: ['Product.reviews', 'Query.product', 'Query.product(id:)', 'Review.body'],
            },
          ]),
        },
      ]);

      const served = await fetchDocuments(api.tokens.shopRead, 'shop');
      expect(served.status).toBe(200);
      expect(await served.json()).toEqual({
        documents: expect.arrayContaining([
          { id: hashDocument(namesBody), body: namesBody },
          { id: 'reviews-v1', body: reviewsBody },
        ]),
      });
      const etag = served.headers.get('etag') ?? '';
      expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
      const again = await fetchDocuments(api.tokens.shopRead, 'shop', { 'if-none-match': etag });
      expect(again.status).toBe(304);
    });

    it('refuses a manifest with an invalid document, naming each, and stores nothing', async () => {
      const { body } = await publish(
        api.tokens.shopPublish,
        'web',
        '2.0.0',
        JSON.stringify({ good: namesBody, typo: '{ products { nmae } }', broken: '{ products {' }),
      );
      expect(body.data?.publishDocuments).toMatchObject({
        ok: false,
        documents: 0,
        message: '2 of 3 documents are not valid against shop@current; nothing was published.',
        invalid: [
          {
            id: 'typo',
            name: null,
            messages: [expect.stringContaining('Cannot query field "nmae" on type "Product"')],
          },
          { id: 'broken', name: null, messages: [expect.stringContaining('Syntax Error')] },
        ],
      });
      const listed = await api.graphql(adminToken, manifestsQuery, {
        graph: 'shop',
        variant: 'current',
        client: 'web',
      });
      expect(listed.body.data?.documentManifests.map((m: { clientVersion: string }) => m.clientVersion)).toEqual([
        '1.0.0',
      ]);
    });

    it("replaces a client version whole, refuses an id naming another version's different document, and retires versions on delete", async () => {
      const replaced = await publish(adminToken, 'ios', '7.1', JSON.stringify({ names: namesBody }));
      expect(replaced.body.data?.publishDocuments).toMatchObject({ ok: true, replaced: false });
      const again = await publish(
        adminToken,
        'ios',
        '7.1',
        JSON.stringify({ names: namesBody, other: '{ products { id } }' }),
      );
      expect(again.body.data?.publishDocuments).toMatchObject({ ok: true, documents: 2, replaced: true });

      const conflict = await publish(adminToken, 'android', '3', JSON.stringify({ names: '{ products { id } }' }));
      expect(conflict.body.data?.publishDocuments).toMatchObject({
        ok: false,
        invalid: [
          { id: 'names', messages: [expect.stringContaining('already names a different document of ios 7.1')] },
        ],
      });

      const before = (await fetchDocuments(adminToken, 'shop')).headers.get('etag');
      const deleted = await api.graphql(adminToken, deleteMutation, {
        graph: 'shop',
        variant: 'current',
        client: 'ios',
        clientVersion: '7.1',
      });
      expect(deleted.body.data?.deleteDocuments).toEqual([{ client: 'ios', clientVersion: '7.1' }]);
      const after = await fetchDocuments(adminToken, 'shop', { 'if-none-match': before ?? '' });
      expect(after.status).toBe(200);
      const ids = ((await after.json()) as { documents: { id: string }[] }).documents.map((document) => document.id);
      expect(ids).not.toContain('names');
      const twice = await api.graphql(adminToken, deleteMutation, {
        graph: 'shop',
        variant: 'current',
        client: 'ios',
        clientVersion: '7.1',
      });
      expect(twice.body.errors?.[0]).toMatchObject({
        message: 'shop@current has no persisted documents of ios 7.1.',
        extensions: { code: 'NOT_FOUND' },
      });
    });

    it('lets only ADMIN and PUBLISH tokens of the graph publish, and READ tokens of it read', async () => {
      const refused = await publish(api.tokens.shopRead, 'web', '9', JSON.stringify({ a: namesBody }));
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await fetchDocuments(api.tokens.shopRead, 'plain')).status).toBe(403);
      expect((await fetchDocuments(undefined, 'shop')).status).toBe(401);
      const unknown = await fetch(`${api.registry.url}/v1/graphs/shop/variants/nope/persisted-documents`, {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      expect(unknown.status).toBe(404);
      // A variant with no manifests is an empty set, not an error: a gateway starts with none.
      expect(await (await fetchDocuments(adminToken, 'plain')).json()).toEqual({ documents: [] });
    });

    it('refuses manifests over the byte and document limits, and what is not a manifest', async () => {
      const db = api.registry.db;
      const input = { graph: 'shop', variant: 'current', client: 'web', clientVersion: 'limits' };
      await expect(
        publishDocuments(
          db,
          { ...input, manifest: JSON.stringify({ a: namesBody }) },
          { maxManifestBytes: 20, maxDocuments: 10 },
        ),
      ).rejects.toMatchObject({
        code: 'MANIFEST_TOO_LARGE',
        message: expect.stringContaining('PERSISTED_DOCUMENTS_MAX_BYTES'),
      });
      await expect(
        publishDocuments(
          db,
          { ...input, manifest: JSON.stringify({ a: namesBody, b: '{ products { id } }' }) },
          { maxManifestBytes: 10_000, maxDocuments: 1 },
        ),
      ).rejects.toMatchObject({
        code: 'MANIFEST_TOO_LARGE',
        message: expect.stringContaining('PERSISTED_DOCUMENTS_MAX_COUNT'),
      });
      const { body } = await publish(
        adminToken,
        'web',
        'bad',
        '{"format":"apollo-persisted-query-manifest","version":3}',
      );
      expect(body.errors?.[0]?.extensions?.code).toBe('INVALID_MANIFEST');
    });

    it('finds the documents, with their client version, that select given coordinates', async () => {
      const db = api.registry.db;
      const variant = await findVariant(db, 'plain', 'current');
      if (!variant) throw new Error('plain@current is missing');
      await replaceManifest(db, {
        variantId: variant.variantId,
        clientName: 'kiosk',
        clientVersion: '1',
        documents: [
          {
            documentId: 'd1',
            operationName: 'Names',
            operationType: 'query',
            body: namesBody,
            coordinates: ['Product.name', 'Query.products'],
          },
          {
            documentId: 'd2',
            operationName: null,
            operationType: 'query',
            body: '{ products { id } }',
            coordinates: ['Product.id', 'Query.products'],
          },
        ],
      });
      expect(await findDocumentsUsing(db, variant.variantId, ['Product.name', 'Review.body'])).toEqual([
        {
          clientName: 'kiosk',
          clientVersion: '1',
          documentId: 'd1',
          operationName: 'Names',
          coordinates: ['Product.name', 'Query.products'],
        },
      ]);
      expect(await findDocumentsUsing(db, variant.variantId, [])).toEqual([]);
      expect((await listManifests(db, variant.variantId)).map((manifest) => manifest.documentCount)).toEqual([2]);
    });
  });
});
