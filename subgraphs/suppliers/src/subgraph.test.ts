import { printSubgraphSchema } from '@apollo/subgraph';
import { domainSeed } from '@switchyard/demo-domain';
import { loadSubgraphConfig } from '@switchyard/subgraph-kit';
import { createTestStorage, storageBackends } from '@switchyard/subgraph-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offers, suppliers } from './db/schema';
import { schema } from './schema';
import { createSuppliersSubgraph } from './subgraph';

const counts = domainSeed.seedCounts(0.05);
const { supplyId, supplierId } = domainSeed;

/** The seeded offers of supply `i`, cheapest first, as the subgraph orders them. */
const offersOf = (i: number) =>
  domainSeed.seedOffers(i, counts).sort((a, b) => a.unitPriceCents - b.unitPriceCents || (a.id < b.id ? -1 : 1));

it('prints the suppliers subgraph schema', () => {
  expect(printSubgraphSchema(schema)).toMatchSnapshot();
});

describe.each(storageBackends())('suppliers subgraph on $name', (backend) => {
  let subgraph: Awaited<ReturnType<typeof createSuppliersSubgraph>>;
  let cleanup: () => Promise<void> | void;

  beforeAll(async () => {
    const env: Record<string, string> = { SEED_SCALE: '0.05', LOG_LEVEL: 'silent', MAX_PAGE_SIZE: '60' };
    const storage = await createTestStorage(backend, 'suppliers');
    Object.assign(env, storage.env);
    cleanup = storage.cleanup;
    subgraph = await createSuppliersSubgraph(loadSubgraphConfig('suppliers', 0, env));
    await subgraph.listen(0);
  });

  afterAll(async () => {
    await subgraph?.close();
    await cleanup?.();
  });

  async function query(q: string, variables?: Record<string, unknown>) {
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: q, variables }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { data?: any; errors?: { message: string; extensions: any }[] };
  }

  /** Runs an operation and returns its result with the number of SQL statements it cost. */
  async function measured(q: string, variables?: Record<string, unknown>) {
    subgraph.database.statements.reset();
    const result = await query(q, variables);
    return { ...result, statements: subgraph.database.statements.count };
  }

  const entities = 'query ($r: [_Any!]!) { _entities(representations: $r) { ';

  it('answers the orders subgraph’s offer lookup: one statement for offers, one for their suppliers', async () => {
    const result = await measured(
      `${entities} ... on Supply { id offers { id stock minimumOrderQuantity unitPrice { amountCents currency } supplier { id } } } } }`,
      {
        r: [
          { __typename: 'Supply', id: supplyId(3) },
          { __typename: 'Supply', id: 'supply_99999' },
        ],
      },
    );
    expect(result).toEqual({
      data: {
        _entities: [
          {
            id: supplyId(3),
            offers: offersOf(3).map((offer) => ({
              id: offer.id,
              stock: offer.stock,
              minimumOrderQuantity: offer.minimumOrderQuantity,
              unitPrice: { amountCents: offer.unitPriceCents, currency: 'EUR' },
              supplier: { id: offer.supplierId },
            })),
          },
          { id: 'supply_99999', offers: [] },
        ],
      },
      statements: 2,
    });
  });

  it('resolves offers, best offer and price per unit of 100 supplies in one statement', async () => {
    const representations = Array.from({ length: 100 }, (_, i) => ({
      __typename: 'Supply',
      id: supplyId(i + 1),
      packSize: 25,
    }));
    const result = await measured(
      `${entities} ... on Supply { id offers { id } inStock: offers(inStockOnly: true) { id inStock } bestOffer { id unitPrice { amountCents formatted } } lowestPricePerUnit { amountCents currency formatted } } } }`,
      { r: representations },
    );
    expect(result.errors).toBeUndefined();
    expect(result.statements).toBe(1);
    expect(result.data._entities).toHaveLength(100);
    for (const index of [1, 17, 100]) {
      const seeded = offersOf(index);
      const best = seeded.find((offer) => offer.stock > 0);
      const entity = result.data._entities[index - 1];
      expect(entity.offers.map((offer: { id: string }) => offer.id)).toEqual(seeded.map((offer) => offer.id));
      expect(entity.inStock).toEqual(seeded.filter((o) => o.stock > 0).map((o) => ({ id: o.id, inStock: true })));
      expect(entity.bestOffer?.id).toBe(best?.id);
      expect(entity.lowestPricePerUnit).toEqual(
        best
          ? {
              amountCents: Math.round(best.unitPriceCents / 25),
              currency: 'EUR',
              formatted: expect.stringMatching(/^EUR \d+\.\d\d$/),
            }
          : null,
      );
    }
  });

  it('resolves 100 offer and all supplier representations in one statement per entity type', async () => {
    const offerIds = Array.from({ length: 25 }, (_, i) => offersOf(i + 1).slice(0, 4))
      .flat()
      .map((offer) => offer.id);
    expect(offerIds).toHaveLength(100);
    const representations = [
      ...offerIds.map((id) => ({ __typename: 'Offer', id })),
      ...Array.from({ length: counts.suppliers }, (_, i) => ({ __typename: 'Supplier', id: supplierId(i + 1) })),
      { __typename: 'Offer', id: 'offer_unknown' },
    ];
    const result = await measured(`${entities} ... on Offer { id inStock } ... on Supplier { id name rating } } }`, {
      r: representations,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data._entities[0].id).toBe(offerIds[0]);
    expect(result.data._entities[100]).toEqual({
      id: supplierId(1),
      name: domainSeed.seedSupplier(1).name,
      rating: domainSeed.seedSupplier(1).rating,
    });
    expect(result.data._entities.at(-1)).toBeNull();
    expect(result.statements).toBe(2);
  });

  describe('offers of many suppliers', () => {
    beforeAll(async () => {
      // The seed has only a dozen suppliers at test scale; add enough to list 50, each with offers to page.
      const extra = Array.from({ length: 50 }, (_, i) => ({
        id: `supplier_t${String(i).padStart(2, '0')}`,
        name: `Test supplier ${i}`,
        country: 'DE',
        rating: 4,
      }));
      await subgraph.database.db.insert(suppliers).values(extra);
      await subgraph.database.db.insert(offers).values(
        extra.flatMap(({ id }) =>
          [1, 2, 3, 4].map((k) => ({
            id: `offer_${id}_${k}`,
            supplyId: 'supply_test',
            supplierId: id,
            unitPriceCents: 100 * k,
            currency: 'EUR',
            stock: 0,
            minimumOrderQuantity: 1,
            leadTimeDays: 2,
          })),
        ),
      );
    });

    it('costs the same statements for 5 suppliers with their offers as for 50', async () => {
      const list = (first: number) =>
        measured(
          'query ($first: Int) { suppliers(first: $first) { edges { node { id offers(first: 3) { id supplier { id } } } } } }',
          { first },
        );
      const five = await list(5);
      const fifty = await list(50);
      expect(five.errors).toBeUndefined();
      expect(fifty.errors).toBeUndefined();
      expect(fifty.data.suppliers.edges).toHaveLength(50);
      for (const edge of fifty.data.suppliers.edges) {
        expect(edge.node.offers).toHaveLength(3);
        expect(
          edge.node.offers.every((offer: { supplier: { id: string } }) => offer.supplier.id === edge.node.id),
        ).toBe(true);
      }
      expect(fifty.statements).toBe(five.statements);
      expect(fifty.statements).toBe(2);
    });

    it('cuts each supplier’s offers to its own `first`, in one statement for different sizes', async () => {
      const result = await measured(
        '{ a: supplier(id: "supplier_t01") { offers(first: 1) { id } } b: supplier(id: "supplier_t02") { offers(first: 3) { id } } c: supplier(id: "supplier_t03") { offers { id } } }',
      );
      expect(result.data).toEqual({
        a: { offers: [{ id: 'offer_supplier_t01_1' }] },
        b: { offers: ['1', '2', '3'].map((k) => ({ id: `offer_supplier_t02_${k}` })) },
        c: { offers: ['1', '2', '3', '4'].map((k) => ({ id: `offer_supplier_t03_${k}` })) },
      });
      expect(result.statements).toBe(2);
    });

    it('gives no best offer and no price per unit when nothing is in stock', async () => {
      const result = await query(
        `${entities} ... on Supply { offers { id } bestOffer { id } lowestPricePerUnit { amountCents } } } }`,
        {
          r: [{ __typename: 'Supply', id: 'supply_test', packSize: 10 }],
        },
      );
      expect(result.data._entities[0]).toMatchObject({ bestOffer: null, lowestPricePerUnit: null });
      expect(result.data._entities[0].offers).toHaveLength(200);
    });

    it('pages through every supplier by cursor', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let totalCount = 0;
      for (let pages = 0; pages < 20; pages++) {
        const result = await measured(
          'query ($after: String) { suppliers(first: 25, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }',
          { after },
        );
        expect(result.statements).toBe(1);
        totalCount = result.data.suppliers.totalCount;
        seen.push(...result.data.suppliers.edges.map((edge: { node: { id: string } }) => edge.node.id));
        if (!result.data.suppliers.pageInfo.hasNextPage) break;
        after = result.data.suppliers.pageInfo.endCursor;
      }
      expect(totalCount).toBe(counts.suppliers + 50);
      expect(seen).toHaveLength(totalCount);
      expect(seen).toEqual([...seen].sort());
    });
  });

  it('refuses oversized pages and foreign cursors as bad user input, naming the limit', async () => {
    const tooMany = await query('{ suppliers(first: 61) { totalCount } }');
    expect(tooMany.errors?.[0]).toMatchObject({
      message: expect.stringContaining('60'),
      extensions: { code: 'BAD_USER_INPUT', limit: 60 },
    });
    const negative = await query('{ supplier(id: "supplier_001") { offers(first: -1) { id } } }');
    expect(negative.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const cursor = await query('{ suppliers(after: "WzEsMl0") { totalCount } }');
    expect(cursor.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });
});
