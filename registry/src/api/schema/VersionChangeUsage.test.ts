import { graphql } from 'graphql';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryDatabase } from '../../db/openDatabase';
import { backendTitle, openTestDatabase, storageBackends } from '../../db/testing/testDatabase';
import { publishSubgraph } from '../../publishing/publishSubgraph';
import type { Principal } from '../../tokens/Principal';
import { ingestUsageReport } from '../../usage/testing/ingestUsageReport';
import { clientEntry, operationEntry, usageReport } from '../../usage/testing/reportFixtures';
import { schema } from './index';

const backends = await storageBackends();
const logger = pino({ level: 'silent' });
const reader: Principal = { tokenId: 'read', name: 'read-token', scope: 'READ', graph: 'shop', subgraphs: [] };

function productsSdl(productFields: string, categories: string): string {
  return /* GraphQL */ `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Query { products(category: Category): [Product!]! }
    type Product @key(fields: "id") { id: ID! name: String! ${productFields} }
    enum Category { ${categories} }
  `;
}

const CHANGE_USAGE = /* GraphQL */ `
  query ChangeUsage($graph: String!, $variant: String!, $version: Int) {
    supergraphVersion(graph: $graph, variant: $variant, version: $version) {
      changes { id criticality coordinate }
      changeUsage {
        changeId coordinates
        usage { requests percent clients { name version requests } operations { name requests } }
      }
    }
  }
`;

describe.each(backends)('who a version’s changes affect in the API on $name', (backend) => {
  describe.skipIf(backend.skipReason !== undefined)(backendTitle(backend), () => {
    let db: RegistryDatabase;
    let close: () => Promise<void>;

    // biome-ignore lint/suspicious/noExplicitAny: answers are checked by toEqual, field by field
    async function run(variables: Record<string, unknown>): Promise<Record<string, any>> {
      const result = await graphql({
        schema,
        source: CHANGE_USAGE,
        variableValues: { graph: 'shop', variant: 'prod', ...variables },
        contextValue: { db, principal: reader, maxSdlBytes: 64 * 1024, logger },
      });
      expect(result.errors ?? []).toEqual([]);
      return result.data ?? {};
    }
    const publish = (fields: string, categories: string, force = false) =>
      publishSubgraph(
        { db, maxSdlBytes: 64 * 1024 },
        {
          graph: 'shop',
          variant: 'prod',
          subgraph: 'products',
          url: 'http://products.test/graphql',
          sdl: productsSdl(fields, categories),
          create: true,
          force,
        },
      );

    beforeAll(async () => {
      const opened = await openTestDatabase(backend);
      db = opened.db;
      close = opened.close;
      await publish('price: Float\ncode: String', 'GAUZE');
      // Usage before version 2, inside the default 7-day check window; a day old, in the hour buckets.
      await ingestUsageReport(
        db,
        usageReport(new Date(Date.now() - 86_400_000), [
          operationEntry(
            'query Legacy { products { id code } }',
            ['Query.products', 'Product.id', 'Product.code'],
            [clientEntry('ios', '2.0', 6), clientEntry('ios', '2.1', 1)],
          ),
          operationEntry(
            'query Prices { products { id price } }',
            ['Query.products', 'Product.id', 'Product.price'],
            [clientEntry('web', '1.0', 4)],
          ),
        ]),
      );
      // Version 2 removes `code` (breaking, forced over its use) and adds an enum value an argument takes (dangerous).
      expect((await publish('price: Float', 'GAUZE SYRINGE', true)).status).toBe('PUBLISHED');
    }, 60_000);

    afterAll(async () => {
      await close?.();
    });

    it('lists for each breaking and dangerous change the client versions and operations that used it before the version', async () => {
      const { supergraphVersion } = await run({ version: 2 });
      const removed = supergraphVersion.changes.find(
        (change: { coordinate: string }) => change.coordinate === 'Product.code',
      );
      expect(removed.criticality).toBe('BREAKING');
      const risky = supergraphVersion.changes.filter(
        (change: { criticality: string }) => change.criticality !== 'SAFE',
      );
      expect(risky.map((change: { criticality: string }) => change.criticality)).toContain('DANGEROUS');
      expect(supergraphVersion.changeUsage.map((entry: { changeId: string }) => entry.changeId)).toEqual(
        risky.map((change: { id: string }) => change.id),
      );
      expect(
        supergraphVersion.changeUsage.find((entry: { changeId: string }) => entry.changeId === removed.id),
      ).toEqual({
        changeId: removed.id,
        coordinates: ['Product.code'],
        usage: {
          requests: 7,
          percent: null,
          clients: [
            { name: 'ios', version: '2.0', requests: 6 },
            { name: 'ios', version: '2.1', requests: 1 },
          ],
          operations: [{ name: 'Legacy', requests: 7 }],
        },
      });
    });

    it('has nothing for the first version, and nothing for safe changes', async () => {
      const { supergraphVersion } = await run({ version: 1 });
      expect(supergraphVersion.changes.every((change: { criticality: string }) => change.criticality === 'SAFE')).toBe(
        true,
      );
      expect(supergraphVersion.changeUsage).toEqual([]);
    });
  });
});
