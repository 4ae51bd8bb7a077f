import { domainSeed } from '@switchyard/demo-domain';
import { generateIdentityKeyPair, signTestIdentityToken, storageBackends } from '@switchyard/subgraph-kit/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  allOffers,
  buyer,
  testCounts as counts,
  type OrdersTestSubgraph,
  offersOf,
  PLACE_ORDER,
  startOrdersTestSubgraph,
  testGateway,
} from '../testing/startOrdersTestSubgraph';

describe.each(storageBackends())('placeOrder on $name', (backend) => {
  let orders: OrdersTestSubgraph;
  const query: OrdersTestSubgraph['query'] = (...args) => orders.query(...args);
  const countOrders = () => orders.countOrders();

  beforeAll(async () => {
    orders = await startOrdersTestSubgraph(backend);
  });

  afterAll(async () => {
    await orders?.close();
  });

  beforeEach(() => {
    orders.directory.unavailable = false;
    orders.directory.calls.length = 0;
  });

  it("places a valid order for the caller's clinic, at the offers' unit prices, in one transaction", async () => {
    const [first, second] = [3, 4].map((supply) =>
      offersOf(supply).find((offer) => offer.stock >= offer.minimumOrderQuantity * 2),
    );
    const lines = [first, second].map((offer) => ({
      supplyId: offer?.supplyId,
      supplierId: offer?.supplierId,
      quantity: (offer?.minimumOrderQuantity ?? 1) * 2,
    }));
    const before = await countOrders();
    orders.subgraph.database.statements.reset();
    const body = await query(
      { query: PLACE_ORDER, variables: { input: { lines, note: 'Leave at reception.' } } },
      buyer('user_00003', 'clinic_0001'),
    );
    const statements = orders.subgraph.database.statements.statements.filter(
      (statement) => !/^(begin|commit)$/i.test(statement),
    );
    expect(body.errors).toBeUndefined();
    const { order, errors } = body.data.placeOrder;
    expect(errors).toEqual([]);
    expect(order).toMatchObject({
      status: 'SUBMITTED',
      clinic: { id: 'clinic_0001' },
      placedBy: { id: 'user_00003' },
      lineCount: 2,
      lines: [first, second].map((offer) => ({
        supply: { id: offer?.supplyId },
        supplier: { id: offer?.supplierId },
        quantity: (offer?.minimumOrderQuantity ?? 1) * 2,
        unitPrice: { amountCents: offer?.unitPriceCents, currency: 'EUR' },
      })),
    });
    expect(orders.directory.calls).toEqual([[first?.supplyId, second?.supplyId]]);
    expect(await countOrders()).toBe(before + 1);
    // Two inserts (order, lines) in one transaction; the payload is served from the primed loaders, not read back.
    expect(statements).toEqual([
      expect.stringMatching(/^insert into "orders"\."purchase_orders"/),
      expect.stringMatching(/^insert into "orders"\."order_lines"/),
    ]);
    const mine = await query(
      { query: '{ myOrders(first: 1) { edges { node { id note } } } }' },
      buyer('user_00003', 'clinic_0001'),
    );
    expect(mine.data.myOrders.edges[0].node).toEqual({ id: order.id, note: 'Leave at reception.' });
  });

  it('returns typed errors for unknown supplies, missing offers, small quantities and short stock, and writes nothing', async () => {
    const offered = offersOf(5)[0];
    const notOffering = domainSeed.supplierId(
      Array.from({ length: counts.suppliers }, (_, i) => i + 1).find(
        (s) => !offersOf(5).some((offer) => offer.supplierId === domainSeed.supplierId(s)),
      ) ?? 0,
    );
    const withMinimum = allOffers.find((offer) => offer.minimumOrderQuantity > 1 && offer.stock > 0);
    const soldOut = allOffers.find((offer) => offer.stock === 0 && offer.minimumOrderQuantity === 1);
    const lines = [
      { supplyId: 'supply_99999', supplierId: 'supplier_001', quantity: 1 },
      { supplyId: offered?.supplyId, supplierId: notOffering, quantity: 5 },
      {
        supplyId: withMinimum?.supplyId,
        supplierId: withMinimum?.supplierId,
        quantity: (withMinimum?.minimumOrderQuantity ?? 2) - 1,
      },
      { supplyId: soldOut?.supplyId, supplierId: soldOut?.supplierId, quantity: 1 },
    ];
    const before = await countOrders();
    const body = await query(
      { query: PLACE_ORDER, variables: { input: { lines } } },
      buyer('user_00002', 'clinic_0001'),
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.placeOrder.order).toBeNull();
    expect(body.data.placeOrder.errors).toEqual([
      expect.objectContaining({ __typename: 'UnknownSupplyError', lineIndex: 0, supplyId: 'supply_99999' }),
      expect.objectContaining({
        __typename: 'NoSuchOfferError',
        lineIndex: 1,
        supplyId: offered?.supplyId,
        supplierId: notOffering,
      }),
      expect.objectContaining({
        __typename: 'QuantityBelowMinimumError',
        lineIndex: 2,
        minimumOrderQuantity: withMinimum?.minimumOrderQuantity,
      }),
      expect.objectContaining({ __typename: 'OutOfStockError', lineIndex: 3, available: 0 }),
    ]);
    expect(body.data.placeOrder.errors[0].message).toContain('supply_99999');
    expect(await countOrders()).toBe(before);
  });

  it('returns InvalidOrderError for no lines, too many lines and quantities below 1, without asking the directory', async () => {
    const line = { supplyId: 'supply_00001', supplierId: 'supplier_001', quantity: 1 };
    const place = async (lines: unknown[]) =>
      (await query({ query: PLACE_ORDER, variables: { input: { lines } } }, buyer('user_00002', 'clinic_0001'))).data
        .placeOrder;
    expect(await place([])).toEqual({
      order: null,
      errors: [expect.objectContaining({ __typename: 'InvalidOrderError', lineIndex: null })],
    });
    const tooMany = await place(
      Array.from({ length: 101 }, (_, i) => ({ ...line, supplyId: domainSeed.supplyId(i + 1) })),
    );
    expect(tooMany.errors).toEqual([
      expect.objectContaining({ __typename: 'InvalidOrderError', message: expect.stringContaining('100') }),
    ]);
    const zero = await place([line, { ...line, supplyId: 'supply_00002', quantity: 0 }]);
    expect(zero.errors).toEqual([expect.objectContaining({ __typename: 'InvalidOrderError', lineIndex: 1 })]);
    expect(orders.directory.calls).toEqual([]);
  });

  it('refuses placeOrder without a signed-in buyer (UNAUTHENTICATED) or without orders:write (FORBIDDEN)', async () => {
    const input = { lines: [{ supplyId: 'supply_00001', supplierId: 'supplier_001', quantity: 1 }] };
    const anonymous = await query({ query: PLACE_ORDER, variables: { input } });
    expect(anonymous.data).toBeNull();
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const readOnly = await query(
      { query: PLACE_ORDER, variables: { input } },
      buyer('user_00002', 'clinic_0001', 'orders:read'),
    );
    expect(readOnly.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(orders.directory.calls).toEqual([]);
  });

  it("refuses an order for another clinic made with forged headers or a token that is not the gateway's for orders", async () => {
    const offer = allOffers.find((candidate) => candidate.stock >= candidate.minimumOrderQuantity);
    const input = {
      lines: [{ supplyId: offer?.supplyId, supplierId: offer?.supplierId, quantity: offer?.minimumOrderQuantity }],
    };
    const victim = { subject: 'user_00012', scopes: ['orders:write'], claims: { clinic_id: 'clinic_0002' } };
    const place = (headers: Record<string, string> | Promise<Record<string, string>>) =>
      query({ query: PLACE_ORDER, variables: { input } }, headers);
    const before = await countOrders();

    // The attack measured on main: plain identity headers sent straight to the subgraph.
    const forged = await place({
      'x-switchyard-subject': victim.subject,
      'x-switchyard-scopes': 'orders:write',
      'x-switchyard-claims': JSON.stringify(victim.claims),
    });
    expect(forged.data).toBeNull();
    expect(forged.errors?.[0]).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
      message: expect.stringContaining('unsigned identity headers are ignored'),
    });
    const refusals = await Promise.all([
      place(testGateway.headers({ audience: 'catalog', ...victim })),
      place(testGateway.headers({ audience: 'orders', issuedAt: Math.floor(Date.now() / 1000) - 120, ...victim })),
      signTestIdentityToken(generateIdentityKeyPair().privateKey, { audience: 'orders', ...victim }).then((token) =>
        place({ 'x-switchyard-identity': token }),
      ),
    ]);
    expect(refusals.map((body) => [body.errors?.[0].extensions.code, body.errors?.[0].message])).toEqual([
      ['UNAUTHENTICATED', expect.stringContaining('unexpected "aud" claim value')],
      ['UNAUTHENTICATED', expect.stringContaining('"exp" claim timestamp check failed')],
      ['UNAUTHENTICATED', expect.stringContaining('signature verification failed')],
    ]);
    expect(await countOrders()).toBe(before);
    expect(orders.directory.calls).toEqual([]);
  });

  it('answers SERVICE_UNAVAILABLE and writes nothing when the directory cannot be reached', async () => {
    orders.directory.unavailable = true;
    const offer = offersOf(1)[0];
    const before = await countOrders();
    const body = await query(
      {
        query: PLACE_ORDER,
        variables: {
          input: {
            lines: [
              { supplyId: offer?.supplyId, supplierId: offer?.supplierId, quantity: offer?.minimumOrderQuantity },
            ],
          },
        },
      },
      buyer('user_00002', 'clinic_0001'),
    );
    expect(body.data).toBeNull();
    expect(body.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', subgraph: 'catalog' }),
      }),
    ]);
    expect(await countOrders()).toBe(before);
  });
});

describe('placeOrder on a subgraph without a verifier', () => {
  let orders: OrdersTestSubgraph;

  beforeAll(async () => {
    orders = await startOrdersTestSubgraph({ name: 'pglite' }, { trustGateway: false });
  });

  afterAll(async () => {
    await orders?.close();
  });

  it("fails closed: even the gateway's own token is refused, naming the setting", async () => {
    const input = { lines: [{ supplyId: 'supply_00001', supplierId: 'supplier_001', quantity: 1 }] };
    const body = await orders.query({ query: PLACE_ORDER, variables: { input } }, buyer('user_00002', 'clinic_0001'));
    expect(body.data).toBeNull();
    expect(body.errors?.[0]).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
      message: expect.stringContaining('SUBGRAPH_IDENTITY_KEY is not set'),
    });
    expect(orders.directory.calls).toEqual([]);
  });
});
