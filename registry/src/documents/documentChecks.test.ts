import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productsSdl, reviewsSdl } from '../db/testing/fixtures';
import { backendTitle, storageBackends } from '../db/testing/testDatabase';
import { adminToken, startTestRegistry, type TestRegistry } from '../testing/startTestRegistry';

const backends = await storageBackends();

const checkMutation = /* GraphQL */ `
  mutation ($input: CheckSubgraphInput!) {
    checkSubgraph(input: $input) {
      ok
      message
      changes { coordinate blocking usage { requests documents { client clientVersion id name } } }
    }
  }
`;

describe.each(backends)('checks against persisted documents on $name', (backend) => {
  describe.skipIf(backend.skipReason !== undefined)(backendTitle(backend), () => {
    let api: TestRegistry;

    beforeAll(async () => {
      api = await startTestRegistry(backend);
      await api.createGraph('plain');
      await api.publish(adminToken, 'plain', 'products', productsSdl('sku: String'));
      await api.publish(adminToken, 'plain', 'reviews', reviewsSdl());
      const { body } = await api.graphql(
        adminToken,
        'mutation ($input: PublishDocumentsInput!) { publishDocuments(input: $input) { ok message } }',
        {
          input: {
            graph: 'plain',
            variant: 'current',
            client: 'ios',
            clientVersion: '4.2 (in review)',
            manifest: JSON.stringify({ skus: 'query Skus { products { id sku } }' }),
          },
        },
      );
      expect(body.data?.publishDocuments.ok).toBe(true);
    });
    afterAll(async () => api?.close());

    const checkWithoutSku = (allowNoUsage: boolean) =>
      api.graphql(adminToken, checkMutation, {
        input: { graph: 'plain', variant: 'current', subgraph: 'products', sdl: productsSdl(), allowNoUsage },
      });

    it('blocks a breaking change to what a persisted document selects, with no traffic at all, naming client, version and operation', async () => {
      const { body } = await checkWithoutSku(true);
      expect(body.data?.checkSubgraph).toEqual({
        ok: false,
        message: expect.stringContaining('persisted documents of ios 4.2 (in review)'),
        changes: [
          {
            coordinate: 'Product.sku',
            blocking: true,
            usage: {
              requests: 0,
              documents: [{ client: 'ios', clientVersion: '4.2 (in review)', id: 'skus', name: 'Skus' }],
            },
          },
        ],
      });
    });

    it('leaves out the persisted documents of excluded clients, as it leaves out their traffic', async () => {
      const { body } = await api.graphql(adminToken, checkMutation, {
        input: {
          graph: 'plain',
          variant: 'current',
          subgraph: 'products',
          sdl: productsSdl(),
          allowNoUsage: true,
          excludeClients: ['ios'],
        },
      });
      expect(body.data?.checkSubgraph).toMatchObject({
        ok: true,
        changes: [{ coordinate: 'Product.sku', blocking: false, usage: { documents: [] } }],
      });
    });

    it('lets the change through once that client version is retired', async () => {
      const deleted = await api.graphql(
        adminToken,
        'mutation { deleteDocuments(graph: "plain", variant: "current", client: "ios", clientVersion: "4.2 (in review)") { client } }',
      );
      expect(deleted.body.errors).toBeUndefined();
      const { body } = await checkWithoutSku(true);
      expect(body.data?.checkSubgraph).toMatchObject({
        ok: true,
        changes: [{ coordinate: 'Product.sku', blocking: false, usage: { documents: [] } }],
      });
    });
  });
});
