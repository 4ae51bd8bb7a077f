import { createCatalogSubgraph } from '@switchyard/catalog';
import { domainSeed } from '@switchyard/demo-domain';
import { loadSubgraphConfig } from '@switchyard/subgraph-kit';
import {
  createTestGateway,
  createTestStorage,
  generateIdentityKeyPair,
  storageBackends,
} from '@switchyard/subgraph-kit/testing';
import { createSuppliersSubgraph } from '@switchyard/suppliers';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrdersConfig } from '../config';
import { createOrdersSubgraph } from '../subgraph';

// placeOrder against the real catalog and suppliers subgraphs over HTTP (the default directory), all three
// seeded from the same domain seed: the gateway's tokens for orders, and orders' own credential for the other two. Storage backends are the storage suite's
// concern: this runs once, on PostgreSQL when there is one (three PGlite instances start slowly), else on PGlite.
const backend = storageBackends().at(-1);

describe(`placeOrder against the real catalog and suppliers subgraphs on ${backend?.name}`, () => {
  const scale = 0.05;
  const counts = domainSeed.seedCounts(scale);
  const gateway = createTestGateway();
  const ordersKeys = generateIdentityKeyPair();
  const env: Record<string, string> = {
    SEED_SCALE: String(scale),
    LOG_LEVEL: 'silent',
    ...gateway.env,
    SUBGRAPH_SERVICE_KEYS: JSON.stringify({ orders: ordersKeys.publicKey }),
  };
  const services: { close(): Promise<void> }[] = [];
  let cleanup: () => Promise<void> | void;
  let ordersUrl = '';
  let suppliersUrl = '';
  let suppliersDb: Awaited<ReturnType<typeof createSuppliersSubgraph>>['database']['db'] | undefined;

  beforeAll(async () => {
    // One database serves all three: each subgraph keeps its tables in its own PostgreSQL schema.
    const storage = await createTestStorage(backend ?? { name: 'pglite' }, 'orders-stack');
    Object.assign(env, storage.env);
    cleanup = storage.cleanup;
    const catalog = await createCatalogSubgraph(loadSubgraphConfig('catalog', 0, env));
    services.push(catalog);
    const suppliers = await createSuppliersSubgraph(loadSubgraphConfig('suppliers', 0, env));
    services.push(suppliers);
    suppliersDb = suppliers.database.db;
    suppliersUrl = await suppliers.listen(0);
    const config = loadOrdersConfig(
      {
        ...env,
        CATALOG_URL: await catalog.listen(0),
        SUPPLIERS_URL: suppliersUrl,
        SERVICE_SIGNING_KEY: ordersKeys.privateKey,
      },
      0,
    );
    const orders = await createOrdersSubgraph(config);
    services.push(orders);
    ordersUrl = await orders.listen(0);
  });

  afterAll(async () => {
    await Promise.all(services.map((service) => service.close()));
    await cleanup?.();
  });

  const placeOrder = async (lines: unknown[], clinic = 'clinic_0002') => {
    const response = await fetch(ordersUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(await gateway.headers({
          audience: 'orders',
          subject: 'user_00012',
          scopes: ['orders:write'],
          claims: { clinic_id: clinic },
        })),
      },
      body: JSON.stringify({
        query: `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) {
          order { status clinic { id } lines { supply { id } unitPrice { amountCents currency } } }
          errors { __typename lineIndex ... on NoSuchOfferError { supplierId } } } }`,
        variables: { input: { lines } },
      }),
    });
    return (await response.json()) as {
      data?: { placeOrder: { order: unknown; errors: unknown[] } };
      errors?: unknown[];
    };
  };

  it('prices a valid order at the offer the suppliers subgraph quotes', async () => {
    const offer = domainSeed
      .seedOffers(9, counts)
      .find((candidate) => candidate.stock >= candidate.minimumOrderQuantity);
    const body = await placeOrder([
      { supplyId: offer?.supplyId, supplierId: offer?.supplierId, quantity: offer?.minimumOrderQuantity },
    ]);
    expect(body.errors).toBeUndefined();
    expect(body.data?.placeOrder).toEqual({
      order: {
        status: 'SUBMITTED',
        clinic: { id: 'clinic_0002' },
        lines: [
          { supply: { id: offer?.supplyId }, unitPrice: { amountCents: offer?.unitPriceCents, currency: 'EUR' } },
        ],
      },
      errors: [],
    });
  });

  it('learns unknown supplies from the catalog and missing offers from the suppliers subgraph', async () => {
    const offered = new Set(domainSeed.seedOffers(10, counts).map((offer) => offer.supplierId));
    const stranger = Array.from({ length: counts.suppliers }, (_, i) => domainSeed.supplierId(i + 1)).find(
      (id) => !offered.has(id),
    );
    const body = await placeOrder([
      { supplyId: 'supply_99999', supplierId: 'supplier_001', quantity: 1 },
      { supplyId: domainSeed.supplyId(10), supplierId: stranger, quantity: 1 },
    ]);
    expect(body.data?.placeOrder).toEqual({
      order: null,
      errors: [
        { __typename: 'UnknownSupplyError', lineIndex: 0 },
        { __typename: 'NoSuchOfferError', lineIndex: 1, supplierId: stranger },
      ],
    });
  });

  it('sells exactly the 5 units in stock to 20 concurrent orders of one unit each', async () => {
    const offer = domainSeed.seedOffers(11, counts)[0];
    if (!offer || !suppliersDb) throw new Error('the seed has no offer for supply 11');
    await suppliersDb.execute(
      sql`update suppliers.offers set stock = 5, minimum_order_quantity = 1 where id = ${offer.id}`,
    );
    const line = { supplyId: offer.supplyId, supplierId: offer.supplierId, quantity: 1 };
    const bodies = await Promise.all(
      Array.from({ length: 20 }, (_, i) => placeOrder([line], i % 2 ? 'clinic_0001' : 'clinic_0002')),
    );
    expect(bodies.map((body) => body.errors)).toEqual(Array(20).fill(undefined));
    const placed = bodies.filter((body) => body.data?.placeOrder.order);
    const refused = bodies.flatMap((body) => body.data?.placeOrder.errors ?? []);
    expect(placed).toHaveLength(5);
    expect(refused).toHaveLength(15);
    for (const error of refused) expect(error).toMatchObject({ __typename: 'OutOfStockError', lineIndex: 0 });
    const stock = await suppliersDb.execute(sql`select stock from suppliers.offers where id = ${offer.id}`);
    expect(stock).toMatchObject({ rows: [{ stock: 0 }] });
  });

  it("refuses to change stock for anyone but orders' own credential", async () => {
    const response = await fetch(suppliersUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        // The gateway's token for suppliers, as a client's request would carry: it speaks for a user, not orders.
        ...(await gateway.headers({ audience: 'suppliers', subject: 'user_00012', scopes: ['orders:write'] })),
      },
      body: JSON.stringify({
        query: 'mutation ($lines: [StockLineInput!]!) { takeStock(lines: $lines) { ok } }',
        variables: { lines: [{ offerId: domainSeed.seedOffers(12, counts)[0]?.id, quantity: 1 }] },
      }),
    });
    const body = (await response.json()) as { data: unknown; errors: { extensions: { code: string } }[] };
    expect(body.data).toBeNull();
    expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });
});
