import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendTitle, storageBackends } from '../db/testing/testDatabase';
import { adminToken, startTestRegistry, type TestRegistry } from '../testing/startTestRegistry';

const fed = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@override"])';
const ownerA = `${fed}\ntype Query { items: [Item!]! }\ntype Item @key(fields: "id") { id: ID! }`;
const ownerB = `${fed}\ntype Item @key(fields: "id") { id: ID! bSecret: String }`;
const takeFromB = `${fed}\ntype Query { items: [Item!]! }\ntype Item @key(fields: "id") { id: ID! bSecret: String @override(from: "b") }`;
// Query.items is a's, and not shareable: b defining it too does not compose.
const conflicting = `${fed}\ntype Query { items: [Item!]! }\ntype Item @key(fields: "id") { id: ID! bSecret: String }`;

const auditQuery = /* GraphQL */ `
  query ($graph: String, $since: String) {
    auditLog(graph: $graph, since: $since) { action outcome code graph variant subgraph tokenId tokenName message details }
  }
`;

const backends = await storageBackends();

describe.each(backends)('audit log on $name', (backend) => {
  describe.skipIf(backend.skipReason !== undefined)(backendTitle(backend), () => {
    let api: TestRegistry;

    beforeAll(async () => {
      api = await startTestRegistry(backend);
    });
    afterAll(async () => api?.close());

    const adminId = async () => {
      const { body } = await api.graphql(adminToken, '{ tokens { id name scope } }');
      return body.data?.tokens.find((token: { scope: string }) => token.scope === 'ADMIN').id as string;
    };

    it('records every change with token, graph, variant, action and outcome, refusals included', async () => {
      await api.createGraph('audited');
      await api.createToken('team-a', { scope: 'PUBLISH', graph: 'audited', subgraphs: ['a'] });
      await api.createToken('auditor', { scope: 'READ', graph: 'audited' });
      await api.createToken('outsider', { scope: 'READ', graph: 'elsewhere' });
      expect((await api.publish(api.tokens['team-a'], 'audited', 'a', ownerA)).status).toBe(200);
      await api.publish(adminToken, 'audited', 'b', ownerB);
      const refused = await api.publish(api.tokens['team-a'], 'audited', 'a', takeFromB);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const failed = await api.publish(adminToken, 'audited', 'b', conflicting);
      expect(failed.body.data?.publishSubgraph.status).toBe('COMPOSITION_FAILED');
      await api.graphql(
        adminToken,
        'mutation { rollbackSupergraph(graph: "audited", variant: "current", toVersion: 1) { version } }',
      );
      await api.graphql(adminToken, 'mutation ($id: ID!) { revokeToken(id: $id) { id } }', {
        id: api.tokenIds['team-a'],
      });

      const { body } = await api.graphql(api.tokens.auditor, auditQuery, { graph: 'audited' });
      const admin = { tokenId: await adminId(), tokenName: 'admin (SWITCHYARD_ADMIN_TOKEN)' };
      const teamA = { tokenId: api.tokenIds['team-a'], tokenName: 'team-a' };
      // Newest first.
      expect(body.data?.auditLog).toEqual([
        expect.objectContaining({ action: 'TOKEN_REVOKE', outcome: 'SUCCESS', graph: 'audited', ...admin }),
        expect.objectContaining({
          action: 'ROLLBACK',
          outcome: 'SUCCESS',
          variant: 'current',
          message: 'Rolled audited@current back to the content of version 1 as version 3.',
          ...admin,
        }),
        expect.objectContaining({
          action: 'PUBLISH',
          outcome: 'FAILED',
          code: 'COMPOSITION_FAILED',
          subgraph: 'b',
          ...admin,
        }),
        expect.objectContaining({
          action: 'PUBLISH',
          outcome: 'REFUSED',
          code: 'FORBIDDEN',
          subgraph: 'a',
          message: expect.stringContaining('may not move field Item.bSecret away from subgraph "b"'),
          ...teamA,
        }),
        expect.objectContaining({ action: 'PUBLISH', outcome: 'SUCCESS', subgraph: 'b', ...admin }),
        expect.objectContaining({
          action: 'PUBLISH',
          outcome: 'SUCCESS',
          graph: 'audited',
          variant: 'current',
          subgraph: 'a',
          ...teamA,
        }),
        expect.objectContaining({
          action: 'TOKEN_CREATE',
          outcome: 'SUCCESS',
          message: expect.stringContaining('"auditor"'),
        }),
        expect.objectContaining({
          action: 'TOKEN_CREATE',
          outcome: 'SUCCESS',
          message: expect.stringContaining('"team-a"'),
        }),
        expect.objectContaining({ action: 'VARIANT_CREATE', outcome: 'SUCCESS', variant: 'current', ...admin }),
        expect.objectContaining({ action: 'GRAPH_CREATE', outcome: 'SUCCESS', graph: 'audited', ...admin }),
      ]);
    });

    it('serves the log to ADMIN and READ tokens of the graph only', async () => {
      await api.createToken('publisher', { scope: 'PUBLISH', graph: 'audited' });
      const asPublisher = await api.graphql(api.tokens.publisher, auditQuery, { graph: 'audited' });
      expect(asPublisher.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const asOutsider = await api.graphql(api.tokens.outsider, auditQuery, { graph: 'audited' });
      expect(asOutsider.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const everything = await api.graphql(api.tokens.auditor, auditQuery, {});
      expect(everything.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const asAdmin = await api.graphql(adminToken, auditQuery, { graph: 'audited' });
      expect(asAdmin.body.data?.auditLog.length).toBeGreaterThan(5);
      const badSince = await api.graphql(adminToken, auditQuery, { graph: 'audited', since: 'last tuesday' });
      expect(badSince.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('deletes entries only with their graph, keeping the record of who deleted it', async () => {
      await api.createGraph('shortlived');
      await api.publish(adminToken, 'shortlived', 'a', ownerA);
      const before = await api.graphql(adminToken, auditQuery, { graph: 'shortlived' });
      expect(before.body.data?.auditLog.map((entry: { action: string }) => entry.action)).toEqual([
        'PUBLISH',
        'VARIANT_CREATE',
        'GRAPH_CREATE',
      ]);
      await api.graphql(adminToken, 'mutation { deleteGraph(graph: "shortlived") { deletedTokens } }');
      const after = await api.graphql(adminToken, auditQuery, { graph: 'shortlived' });
      expect(after.body.data?.auditLog).toEqual([
        expect.objectContaining({
          action: 'GRAPH_DELETE',
          outcome: 'SUCCESS',
          graph: 'shortlived',
          tokenId: await adminId(),
        }),
      ]);
      // The other graph's log is untouched.
      const other = await api.graphql(adminToken, auditQuery, { graph: 'audited' });
      expect(other.body.data?.auditLog.length).toBeGreaterThan(5);
    });
  });
});
