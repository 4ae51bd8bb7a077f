import { printSubgraphSchema } from '@apollo/subgraph';
import { domainSeed } from '@switchyard/demo-domain';
import { storageBackends } from '@switchyard/subgraph-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from './schema';
import {
  allOffers,
  buyer,
  testCounts as counts,
  type OrdersTestSubgraph,
  PLACE_ORDER,
  startOrdersTestSubgraph,
} from './testing/startOrdersTestSubgraph';

it('prints the orders subgraph schema', () => {
  expect(printSubgraphSchema(schema)).toMatchSnapshot();
});

describe.each(storageBackends())('orders subgraph on $name', (backend) => {
  let orders: OrdersTestSubgraph;
  const query: OrdersTestSubgraph['query'] = (...args) => orders.query(...args);
  const entities: OrdersTestSubgraph['entities'] = (...args) => orders.entities(...args);

  beforeAll(async () => {
    orders = await startOrdersTestSubgraph(backend);
  });

  afterAll(async () => {
    await orders?.close();
  });

  it('resolves 100 purchase order representations in one statement', async () => {
    const representations = Array.from({ length: 100 }, (_, i) => ({
      __typename: 'PurchaseOrder',
      id: domainSeed.orderId(i + 1),
    }));
    representations.push({ __typename: 'PurchaseOrder', id: 'order_999999' });
    orders.subgraph.database.statements.reset();
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
    expect(orders.subgraph.database.statements.count).toBe(1);
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
      orders.subgraph.database.statements.reset();
      const body = await query(
        {
          query: `{ myOrders(first: ${first}) { edges { node { id lineCount total { amountCents } lines { id supply { id } lineTotal { amountCents } } } } } }`,
        },
        buyer('user_00002', 'clinic_0001'),
      );
      expect(body.errors).toBeUndefined();
      expect(body.data.myOrders.edges).toHaveLength(first);
      expect(body.data.myOrders.edges[first - 1].node.lines.length).toBeGreaterThanOrEqual(2);
      return orders.subgraph.database.statements.count;
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
      orders.subgraph.database.statements.reset();
      const body = await entities(
        representations,
        '... on Clinic { id orders(first: 10) { edges { node { id lines { id quantity } total { amountCents } } } } }',
      );
      expect(body.errors).toBeUndefined();
      for (const clinic of body.data._entities) expect(clinic.orders.edges[0].node.lines.length).toBeGreaterThan(0);
      return orders.subgraph.database.statements.count;
    };
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    expect(five).toBe(2);
    expect(fifty).toBe(five);
  });
});
