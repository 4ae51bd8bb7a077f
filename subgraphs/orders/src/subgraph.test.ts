import { printSubgraphSchema } from '@apollo/subgraph';
import { domainSeed } from '@switchyard/subgraph-kit';
import { createTestStorage, storageBackends } from '@switchyard/subgraph-kit/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadOrdersConfig } from './config';
import { purchaseOrders } from './db/schema';
import { schema } from './schema';
import { createOrdersSubgraph } from './subgraph';
import { createFakeSupplyDirectory } from './testing/fakeSupplyDirectory';

const SCALE = 0.05;
const counts = domainSeed.seedCounts(SCALE);
const offersOf = (supplyIndex: number) => domainSeed.seedOffers(supplyIndex, counts);
const allOffers = Array.from({ length: counts.supplies }, (_, i) => offersOf(i + 1)).flat();

it('prints the orders subgraph schema', () => {
  expect(printSubgraphSchema(schema)).toMatchSnapshot();
});

describe.each(storageBackends())('orders subgraph on $name', (backend) => {
  const secret = 'orders-test-gateway-secret';
  const directory = createFakeSupplyDirectory(SCALE);
  let subgraph: Awaited<ReturnType<typeof createOrdersSubgraph>>;
  let cleanup: () => Promise<void> | void;

  beforeAll(async () => {
    const env: Record<string, string> = { SEED_SCALE: String(SCALE), LOG_LEVEL: 'silent', SUBGRAPH_SECRET: secret };
    const storage = await createTestStorage(backend, 'orders');
    Object.assign(env, storage.env);
    cleanup = storage.cleanup;
    subgraph = await createOrdersSubgraph(loadOrdersConfig(env, 0), undefined, directory);
    await subgraph.listen(0);
  });

  afterAll(async () => {
    await subgraph?.close();
    await cleanup?.();
  });

  beforeEach(() => {
    directory.unavailable = false;
    directory.calls.length = 0;
  });

  async function query(body: { query: string; variables?: unknown }, headers: Record<string, string> = {}) {
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-switchyard-gateway-secret': secret, ...headers },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { data?: any; errors?: any[] };
  }

  /** Headers of a buyer of `clinic` signed in through the gateway. */
  const buyer = (user: string, clinic: string, scopes = 'orders:read orders:write') => ({
    'x-switchyard-subject': user,
    'x-switchyard-scopes': scopes,
    'x-switchyard-claims': JSON.stringify({ clinic_id: clinic, role: 'BUYER' }),
  });

  const entities = (representations: unknown[], selection: string, variables: Record<string, unknown> = {}) =>
    query({
      query: `query ($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`,
      variables: { r: representations, ...variables },
    });

  async function countOrders(): Promise<number> {
    const [row] = await subgraph.database.db.select({ n: sql<number>`count(*)::int` }).from(purchaseOrders);
    return row?.n ?? 0;
  }

  const PLACE_ORDER = /* GraphQL */ `
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

  it('resolves 100 purchase order representations in one statement', async () => {
    const representations = Array.from({ length: 100 }, (_, i) => ({
      __typename: 'PurchaseOrder',
      id: domainSeed.orderId(i + 1),
    }));
    representations.push({ __typename: 'PurchaseOrder', id: 'order_999999' });
    subgraph.database.statements.reset();
    const body = await entities(representations, '... on PurchaseOrder { id status placedAt clinic { id } }');
    expect(body.errors).toBeUndefined();
    expect(body.data._entities).toHaveLength(101);
    const seeded = domainSeed.seedOrder(1, counts);
    expect(body.data._entities[0]).toEqual({
      id: seeded.id,
      status: seeded.status,
      placedAt: seeded.placedAt.toISOString(),
      clinic: { id: seeded.clinicId },
    });
    expect(body.data._entities[100]).toBeNull();
    expect(subgraph.database.statements.count).toBe(1);
  });

  it('prices every line at its seeded unit price and sums the lines into the total', async () => {
    const seeded = domainSeed.seedOrder(7, counts);
    const body = await query({
      query: `{ order(id: "${seeded.id}") { lineCount totalCents total { amountCents currency formatted } lines { quantity unitPrice { amountCents } lineTotal { amountCents } supply { id } supplier { id } } } }`,
    });
    const expectedTotal = seeded.lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
    expect(body.data.order).toMatchObject({
      lineCount: seeded.lines.length,
      totalCents: expectedTotal,
      total: {
        amountCents: expectedTotal,
        currency: 'EUR',
        formatted: `EUR ${Math.floor(expectedTotal / 100)}.${String(expectedTotal % 100).padStart(2, '0')}`,
      },
    });
    expect(body.data.order.lines[0]).toEqual({
      quantity: seeded.lines[0]?.quantity,
      unitPrice: { amountCents: seeded.lines[0]?.unitPriceCents },
      lineTotal: { amountCents: (seeded.lines[0]?.quantity ?? 0) * (seeded.lines[0]?.unitPriceCents ?? 0) },
      supply: { id: seeded.lines[0]?.supplyId },
      supplier: { id: seeded.lines[0]?.supplierId },
    });
  });

  it("pages a clinic's orders newest first and continues after the end cursor without gaps or repeats", async () => {
    const run = (after: string | null) =>
      query({
        query:
          'query ($r: [_Any!]!, $after: String) { _entities(representations: $r) { ... on Clinic { orders(first: 30, after: $after) { edges { node { id placedAt } } pageInfo { hasNextPage endCursor } } } } }',
        variables: { r: [{ __typename: 'Clinic', id: 'clinic_0002' }], after },
      });
    const seen: { id: string; placedAt: string }[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const body = await run(after);
      expect(body.errors).toBeUndefined();
      const orders = body.data._entities[0].orders;
      seen.push(...orders.edges.map((edge: { node: { id: string; placedAt: string } }) => edge.node));
      pages += 1;
      if (!orders.pageInfo.hasNextPage) break;
      after = orders.pageInfo.endCursor;
    }
    const expected = Array.from({ length: counts.orders }, (_, i) => domainSeed.seedOrder(i + 1, counts))
      .filter((order) => order.clinicId === 'clinic_0002')
      .sort((a, b) => b.placedAt.getTime() - a.placedAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((order) => ({ id: order.id, placedAt: order.placedAt.toISOString() }));
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 30));
  });

  it("filters a clinic's orders by status", async () => {
    const body = await query({
      query:
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Clinic { orders(first: 100, status: CANCELLED) { edges { node { status } } } } } }',
      variables: { r: [{ __typename: 'Clinic', id: 'clinic_0001' }] },
    });
    const statuses = body.data._entities[0].orders.edges.map((edge: { node: { status: string } }) => edge.node.status);
    const expected = Array.from({ length: counts.orders }, (_, i) => domainSeed.seedOrder(i + 1, counts)).filter(
      (order) => order.clinicId === 'clinic_0001' && order.status === 'CANCELLED',
    );
    expect(statuses).toEqual(expected.map(() => 'CANCELLED'));
    expect(statuses.length).toBeGreaterThan(0);
  });

  it('answers first over the page size limit and a malformed cursor with BAD_USER_INPUT', async () => {
    const tooMany = await query(
      { query: '{ myOrders(first: 101) { edges { cursor } } }' },
      buyer('user_00002', 'clinic_0001'),
    );
    expect(tooMany.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'first', maxPageSize: 100 }),
      }),
    ]);
    const zero = await query(
      { query: '{ myOrders(first: 0) { edges { cursor } } }' },
      buyer('user_00002', 'clinic_0001'),
    );
    expect(zero.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const badCursor = await query(
      { query: '{ myOrders(after: "not-a-cursor") { edges { cursor } } }' },
      buyer('user_00002', 'clinic_0001'),
    );
    expect(badCursor.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'after' }) }),
    ]);
  });

  it("answers myOrders with the caller's clinic's orders, and UNAUTHENTICATED without a caller", async () => {
    const mine = await query(
      { query: '{ myOrders(first: 5) { edges { node { clinic { id } } } } }' },
      buyer('user_00015', 'clinic_0002'),
    );
    expect(mine.data.myOrders.edges).toHaveLength(5);
    expect(
      new Set(mine.data.myOrders.edges.map((edge: { node: { clinic: { id: string } } }) => edge.node.clinic.id)),
    ).toEqual(new Set(['clinic_0002']));
    const anonymous = await query({ query: '{ myOrders { edges { cursor } } }' });
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('loads 50 orders with their lines in as many statements as 5', async () => {
    const statementsFor = async (first: number) => {
      subgraph.database.statements.reset();
      const body = await query(
        {
          query: `{ myOrders(first: ${first}) { edges { node { id lineCount total { amountCents } lines { id supply { id } lineTotal { amountCents } } } } } }`,
        },
        buyer('user_00002', 'clinic_0001'),
      );
      expect(body.errors).toBeUndefined();
      expect(body.data.myOrders.edges).toHaveLength(first);
      expect(body.data.myOrders.edges[first - 1].node.lines.length).toBeGreaterThanOrEqual(2);
      return subgraph.database.statements.count;
    };
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    expect(five).toBe(2);
    expect(fifty).toBe(five);
  });

  it('loads the orders of 50 clinics, with their lines, in as many statements as 5 clinics', async () => {
    // The seed has 3 clinics at this scale; give clinics 4–50 an order each, placed as their buyers would.
    for (let clinic = 4; clinic <= 50; clinic++) {
      const offer = allOffers.find((candidate) => candidate.stock >= candidate.minimumOrderQuantity);
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
        buyer(domainSeed.userId(clinic * 10), domainSeed.clinicId(clinic)),
      );
      expect(body.data.placeOrder.errors).toEqual([]);
    }
    const statementsFor = async (clinics: number) => {
      const representations = Array.from({ length: clinics }, (_, i) => ({
        __typename: 'Clinic',
        id: domainSeed.clinicId(i + 1),
      }));
      subgraph.database.statements.reset();
      const body = await entities(
        representations,
        '... on Clinic { id orders(first: 10) { edges { node { id lines { id quantity } total { amountCents } } } } }',
      );
      expect(body.errors).toBeUndefined();
      for (const clinic of body.data._entities) expect(clinic.orders.edges[0].node.lines.length).toBeGreaterThan(0);
      return subgraph.database.statements.count;
    };
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    expect(five).toBe(2);
    expect(fifty).toBe(five);
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
    subgraph.database.statements.reset();
    const body = await query(
      { query: PLACE_ORDER, variables: { input: { lines, note: 'Leave at reception.' } } },
      buyer('user_00003', 'clinic_0001'),
    );
    const statements = subgraph.database.statements.statements.filter(
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
    expect(directory.calls).toEqual([[first?.supplyId, second?.supplyId]]);
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
    expect(directory.calls).toEqual([]);
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
    expect(directory.calls).toEqual([]);
  });

  it('answers SERVICE_UNAVAILABLE and writes nothing when the directory cannot be reached', async () => {
    directory.unavailable = true;
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
