import { domainSeed } from '@switchyard/demo-domain';
import { createTestGateway, createTestStorage } from '@switchyard/subgraph-kit/testing';
import { sql } from 'drizzle-orm';
import { loadOrdersConfig } from '../config';
import { purchaseOrders } from '../db/schema';
import { createOrdersSubgraph } from '../subgraph';
import { createFakeSupplyDirectory } from './fakeSupplyDirectory';

/** Seed scale of the orders test suites: 3 clinics, a few hundred orders. */
export const TEST_SCALE = 0.05;
export const testCounts = domainSeed.seedCounts(TEST_SCALE);
export const offersOf = (supplyIndex: number) => domainSeed.seedOffers(supplyIndex, testCounts);
export const allOffers = Array.from({ length: testCounts.supplies }, (_, i) => offersOf(i + 1)).flat();

export const PLACE_ORDER = /* GraphQL */ `
  mutation ($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      order { id status clinic { id } placedBy { id } lineCount lines { supply { id } supplier { id } quantity unitPrice { amountCents currency } } total { amountCents } }
      errors {
        __typename message lineIndex
        ... on UnknownSupplyError { supplyId }
        ... on NoSuchOfferError { supplyId supplierId }
        ... on QuantityBelowMinimumError { minimumOrderQuantity }
        ... on OutOfStockError { available }
      }
    }
  }
`;

/** The gateway the orders test subgraphs trust. */
export const testGateway = createTestGateway();

/** Headers of a buyer of `clinic` signed in through the gateway: its identity token for orders. */
export const buyer = (user: string, clinic: string, scopes = 'orders:read orders:write') =>
  testGateway.headers({
    audience: 'orders',
    subject: user,
    scopes: scopes.split(' '),
    claims: { clinic_id: clinic, role: 'BUYER' },
  });

/**
 * The orders subgraph on fresh storage of `backend`, seeded small, with a fake supply directory, plus the calls
 * its test suites make.
 */
export async function startOrdersTestSubgraph(
  backend: { name: string; url?: string },
  options: { /** Whether the subgraph verifies `testGateway`'s tokens. Default true. */ trustGateway?: boolean } = {},
) {
  const directory = createFakeSupplyDirectory(TEST_SCALE);
  const storage = await createTestStorage(backend, 'orders');
  const env = {
    SEED_SCALE: String(TEST_SCALE),
    LOG_LEVEL: 'silent',
    ...(options.trustGateway === false ? {} : testGateway.env),
    ...storage.env,
  };
  const subgraph = await createOrdersSubgraph(loadOrdersConfig(env, 0), undefined, directory);
  await subgraph.listen(0);

  async function query(
    body: { query: string; variables?: unknown },
    headers: Record<string, string> | Promise<Record<string, string>> = {},
  ) {
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await headers) },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { data?: any; errors?: any[] };
  }

  return {
    subgraph,
    directory,
    query,
    entities: (representations: unknown[], selection: string, variables: Record<string, unknown> = {}) =>
      query({
        query: `query ($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`,
        variables: { r: representations, ...variables },
      }),
    async countOrders(): Promise<number> {
      const [row] = await subgraph.database.db.select({ n: sql<number>`count(*)::int` }).from(purchaseOrders);
      return row?.n ?? 0;
    },
    async close() {
      await subgraph.close();
      await storage.cleanup();
    },
  };
}

export type OrdersTestSubgraph = Awaited<ReturnType<typeof startOrdersTestSubgraph>>;
