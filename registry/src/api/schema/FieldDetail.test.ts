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

/** The products subgraph with extra `Product` fields, an input type with defaults and an enum. */
function productsSdl(productFields: string): string {
  return /* GraphQL */ `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Query { products: [Product!]! }
    type Product @key(fields: "id") { id: ID! name: String! ${productFields} }
    input OfferFilter { minimum: Int = 1 category: Category = GAUZE }
    enum Category { GAUZE SYRINGE }
  `;
}

const prices = 'query Prices { products { id price } }';
const legacy = 'query Legacy { products { id code } }';

const FIELD = /* GraphQL */ `
  query Field($graph: String!, $variant: String!, $since: String, $until: String, $coordinate: String!) {
    usageField(graph: $graph, variant: $variant, since: $since, until: $until, coordinate: $coordinate) {
      coordinate kind subgraphs deprecationReason deprecatedInVersion deprecatedAt requests firstSeen lastSeen
      clients { name version requests operations { name type requests } }
      forecast { status days zeroDate }
    }
  }
`;
const DEPRECATED = /* GraphQL */ `
  query Deprecated($graph: String!, $variant: String!, $since: String, $until: String) {
    usageDeprecatedFields(graph: $graph, variant: $variant, since: $since, until: $until) {
      coordinate forecastZeroDate forecastStatus
    }
  }
`;
const TYPES = /* GraphQL */ `
  query Types($graph: String!, $variant: String!) {
    supergraphVersion(graph: $graph, variant: $variant) {
      apiSchemaTypes {
        name kind related
        fields { coordinate kind type defaultValue deprecationReason arguments { coordinate type defaultValue } }
      }
    }
  }
`;

describe.each(backends)('a field’s page and the explorer’s types in the API on $name', (backend) => {
  describe.skipIf(backend.skipReason !== undefined)(backendTitle(backend), () => {
    let db: RegistryDatabase;
    let close: () => Promise<void>;
    let versionTwoAt: string;

    // biome-ignore lint/suspicious/noExplicitAny: answers are checked by toEqual, field by field
    async function run(source: string, variables: Record<string, unknown>): Promise<Record<string, any>> {
      const result = await graphql({
        schema,
        source,
        variableValues: { graph: 'shop', variant: 'prod', ...variables },
        contextValue: { db, principal: reader, maxSdlBytes: 64 * 1024, logger },
      });
      expect(result.errors ?? []).toEqual([]);
      return result.data ?? {};
    }
    const publish = (fields: string) =>
      publishSubgraph(
        { db, maxSdlBytes: 64 * 1024 },
        {
          graph: 'shop',
          variant: 'prod',
          subgraph: 'products',
          url: 'http://products.test/graphql',
          sdl: productsSdl(fields),
          create: true,
        },
      );

    beforeAll(async () => {
      const opened = await openTestDatabase(backend);
      db = opened.db;
      close = opened.close;
      await publish('price: Float\ncode: String');
      await publish(
        'price: Float\ncode: String @deprecated(reason: "Use sku.")\nsku: String\noffers(first: Int = 20, filter: OfferFilter = {minimum: 1}): [Int!]',
      );
      const second = await run(
        `query { supergraphVersions(graph: "shop", variant: "prod") { version createdAt } }`,
        {},
      );
      versionTwoAt = second.supergraphVersions.find((entry: { version: number }) => entry.version === 2).createdAt;
      await ingestUsageReport(
        db,
        usageReport(new Date('2026-03-09T10:00:00Z'), [
          operationEntry(legacy, ['Query.products', 'Product.id', 'Product.code'], [clientEntry('ios', '2.0', 6)]),
          operationEntry(prices, ['Query.products', 'Product.id', 'Product.price'], [clientEntry('web', '1.0', 4)]),
        ]),
      );
      await ingestUsageReport(
        db,
        usageReport(new Date('2026-03-10T08:15:00Z'), [
          operationEntry(
            legacy,
            ['Query.products', 'Product.id', 'Product.code'],
            [clientEntry('ios', '2.0', 2), clientEntry('ios', '2.1', 1)],
          ),
        ]),
      );
    }, 60_000);

    afterAll(async () => {
      await close?.();
    });

    it('answers a field’s owner, deprecation, clients with their operations, exact first and last seen, and forecast', async () => {
      const { usageField } = await run(FIELD, {
        coordinate: 'Product.code',
        since: '2026-03-09T00:00:00Z',
        until: '2026-03-11T00:00:00Z',
      });
      expect(usageField).toEqual({
        coordinate: 'Product.code',
        kind: 'FIELD',
        subgraphs: ['products'],
        deprecationReason: 'Use sku.',
        deprecatedInVersion: 2,
        deprecatedAt: versionTwoAt,
        requests: 9,
        firstSeen: '2026-03-09T10:00:00.000Z',
        lastSeen: '2026-03-10T08:15:10.000Z',
        clients: [
          { name: 'ios', version: '2.0', requests: 8, operations: [{ name: 'Legacy', type: 'query', requests: 8 }] },
          { name: 'ios', version: '2.1', requests: 1, operations: [{ name: 'Legacy', type: 'query', requests: 1 }] },
        ],
        // 6 on the first day, 3 on the second: a line reaching zero on the third.
        forecast: { status: 'DECLINING', days: 2, zeroDate: '2026-03-11' },
      });
    });

    it('says a forecast over fewer than two days has not enough data, not that usage is not declining', async () => {
      const window = { since: '2026-03-10T00:00:00Z', until: '2026-03-11T00:00:00Z' };
      const { usageField } = await run(FIELD, { coordinate: 'Product.code', ...window });
      expect(usageField.forecast).toEqual({ status: 'NOT_ENOUGH_DATA', days: 1, zeroDate: null });
      const { usageDeprecatedFields } = await run(DEPRECATED, window);
      expect(usageDeprecatedFields).toEqual([
        { coordinate: 'Product.code', forecastZeroDate: null, forecastStatus: 'NOT_ENOUGH_DATA' },
      ]);
      const unused = await run(FIELD, { coordinate: 'Product.sku', ...window });
      expect(unused.usageField).toMatchObject({
        requests: 0,
        clients: [],
        firstSeen: null,
        forecast: { status: 'NOT_ENOUGH_DATA' },
      });
    });

    it('answers null for a coordinate the schema does not have', async () => {
      expect((await run(FIELD, { coordinate: 'Product.nope' })).usageField).toBeNull();
    });

    it('lists the API schema’s types from graphql-js, with arguments, defaults and deprecations', async () => {
      const { supergraphVersion } = await run(TYPES, {});
      const types = supergraphVersion.apiSchemaTypes as {
        name: string;
        kind: string;
        fields: { coordinate: string; arguments: unknown[] }[];
      }[];
      expect(types.map((type) => [type.name, type.kind])).toEqual(
        expect.arrayContaining([
          ['Query', 'OBJECT'],
          ['Product', 'OBJECT'],
          ['OfferFilter', 'INPUT_OBJECT'],
        ]),
      );
      const product = types.find((type) => type.name === 'Product');
      expect(product?.fields.find((field) => field.coordinate === 'Product.code')).toMatchObject({
        kind: 'FIELD',
        type: 'String',
        deprecationReason: 'Use sku.',
      });
      expect(product?.fields.find((field) => field.coordinate === 'Product.offers')?.arguments).toEqual([
        { coordinate: 'Product.offers(first:)', type: 'Int', defaultValue: '20' },
        { coordinate: 'Product.offers(filter:)', type: 'OfferFilter', defaultValue: '{minimum: 1}' },
      ]);
      expect(types.find((type) => type.name === 'OfferFilter')?.fields).toEqual([
        {
          coordinate: 'OfferFilter.minimum',
          kind: 'INPUT_FIELD',
          type: 'Int',
          defaultValue: '1',
          deprecationReason: null,
          arguments: [],
        },
        {
          coordinate: 'OfferFilter.category',
          kind: 'INPUT_FIELD',
          type: 'Category',
          defaultValue: 'GAUZE',
          deprecationReason: null,
          arguments: [],
        },
      ]);
    });
  });
});
