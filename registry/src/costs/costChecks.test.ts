import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryDatabase } from '../db/openDatabase';
import { backendTitle, openTestDatabase, storageBackends } from '../db/testing/testDatabase';
import { publishDocuments } from '../documents/publishDocuments';
import { checkSubgraph } from '../publishing/checkSubgraph';
import { publishSubgraph } from '../publishing/publishSubgraph';
import { defaultCheckUsage } from '../publishing/usageAwareChecks';
import { ingestUsageReport } from '../usage/testing/ingestUsageReport';
import { clientEntry, operationEntry, usageReport } from '../usage/testing/reportFixtures';
import { defaultCheckCost } from './checkCostSettings';

const backends = await storageBackends();

const costLink =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@cost", "@listSize"])';

/** Ours: `products` sized by `first` with @listSize; `reviews` and `Review` get the directives under test. */
const annotatedSdl = (reviewsDirectives = '', reviewDirectives = '') => /* GraphQL */ `
${costLink}
type Query { products(first: Int): [Product!]! @listSize(slicingArguments: ["first"], requireOneSlicingArgument: false) }
type Product @key(fields: "id") { id: ID! reviews: [Review!]! ${reviewsDirectives} }
type Review ${reviewDirectives} { id: ID! }
`;

/** A plain third-party-style subgraph: no @cost or @listSize, so the gateway's defaults price it. */
const plainSdl = (review: string) => /* GraphQL */ `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
type Query { products(first: Int): [Product!]! }
type Product @key(fields: "id") { id: ID! name: String! review: ${review} }
type Review { id: ID! }
`;

describe.each(backends)('cost-regression checks on $name', (backend) => {
  describe.skipIf(backend.skipReason !== undefined)(backendTitle(backend), () => {
    let db: RegistryDatabase;
    let close: () => Promise<void>;
    const deps = () => ({ db, maxSdlBytes: 64 * 1024 });

    beforeAll(async () => {
      const opened = await openTestDatabase(backend);
      db = opened.db;
      close = opened.close;
    });
    afterAll(async () => close?.());

    const publish = (graph: string, sdl: string) =>
      publishSubgraph(deps(), {
        graph,
        variant: 'prod',
        subgraph: 'products',
        url: 'http://products.test/graphql',
        sdl,
        create: true,
      });
    const check = (graph: string, sdl: string, checkUsage = defaultCheckUsage) =>
      checkSubgraph(
        { ...deps(), checkUsage },
        { graph, variant: 'prod', subgraph: 'products', sdl, allowNoUsage: true },
      );

    describe('a persisted document on an annotated graph', () => {
      beforeAll(async () => {
        await publish('annotated', annotatedSdl());
        const published = await publishDocuments(db, {
          graph: 'annotated',
          variant: 'prod',
          client: 'ios',
          clientVersion: '4.2',
          manifest: JSON.stringify({ top: 'query Top { products(first: 10) { id reviews { id } } }' }),
        });
        expect(published.ok).toBe(true);
      });

      it('reports an @listSize that raises its cost by more than 50% as dangerous, and passes', async () => {
        const result = await check('annotated', annotatedSdl('@listSize(assumedSize: 20)'));
        expect(result).toMatchObject({
          ok: true,
          message: expect.stringContaining('1 operation costlier'),
          costChanges: [
            {
              criticality: 'DANGEROUS',
              source: 'PERSISTED',
              id: 'top',
              operation: 'Top',
              clients: ['ios 4.2'],
              before: 60,
              after: 210,
              increasePercent: 250,
            },
          ],
        });
      });

      it("fails on a @cost that prices it over the gateway's limit", async () => {
        const result = await check('annotated', annotatedSdl('', '@cost(weight: 100)'));
        expect(result).toMatchObject({
          ok: false,
          message: expect.stringContaining('(1 over the cost limit)'),
          costChanges: [{ criticality: 'BREAKING', operation: 'Top', before: 60, after: 5010, limit: 1000 }],
        });
      });

      it('follows the threshold and the limit of the registry settings', async () => {
        const lenient = { ...defaultCheckUsage, cost: { ...defaultCheckCost, increasePercent: 300, maxCost: 10_000 } };
        const result = await check(
          'annotated',
          annotatedSdl('@listSize(assumedSize: 20)', '@cost(weight: 100)'),
          lenient,
        );
        // 10 × (1 + 20 × 100) = 20010: over 10,000, so still breaking; a +250% rise alone passes under 300%.
        expect(result.costChanges).toEqual([expect.objectContaining({ criticality: 'BREAKING', after: 20_010 })]);
        expect((await check('annotated', annotatedSdl('@listSize(assumedSize: 20)'), lenient)).costChanges).toEqual([]);
      });
    });

    it("reports traffic on a plain graph made costlier under the gateway's default list size", async () => {
      await publish('plain', plainSdl('Review'));
      await ingestUsageReport(
        db,
        usageReport(
          new Date(Date.now() - 3_600_000),
          [
            operationEntry(
              // As the gateway reports it: literals hidden.
              'query Reviews{products(first:0){id review{id}}}',
              ['Query.products', 'Product.id', 'Product.review', 'Review.id'],
              [clientEntry('web', '1.0', 5), clientEntry('ios', '2.0', 3)],
            ),
          ],
          'plain',
          'prod',
        ),
      );
      const result = await check('plain', plainSdl('[Review!]'));
      expect(result.costChanges).toEqual([
        expect.objectContaining({
          criticality: 'DANGEROUS',
          source: 'USAGE',
          operation: 'Reviews',
          clients: ['ios 2.0', 'web 1.0'],
          before: 10,
          after: 30,
        }),
      ]);
    });
  });
});
