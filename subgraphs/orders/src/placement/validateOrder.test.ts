import { describe, expect, it } from 'vitest';
import type { SupplyListing } from '../directory/supplyDirectory';
import { checkOrderShape, PlaceOrderLimit, priceOrder } from './validateOrder';

const listing = (supplyId: string, offers: Partial<SupplyListing['offers'][number]>[] = []): SupplyListing => ({
  supplyId,
  exists: true,
  offers: offers.map((offer, i) => ({
    offerId: `offer_${supplyId}_${i}`,
    supplierId: 'supplier_001',
    stock: 100,
    minimumOrderQuantity: 1,
    unitPrice: { amountCents: 250, currency: 'EUR' },
    ...offer,
  })),
});

describe('checkOrderShape', () => {
  it('accepts 1 to 100 lines with positive quantities', () => {
    const line = (i: number) => ({ supplyId: `supply_${i}`, supplierId: 'supplier_001', quantity: 1 });
    expect(checkOrderShape({ lines: [line(1)] })).toEqual([]);
    expect(checkOrderShape({ lines: Array.from({ length: PlaceOrderLimit.MAX_LINES }, (_, i) => line(i)) })).toEqual(
      [],
    );
  });

  it('reports a repeated supply and supplier pair on the later line', () => {
    const line = { supplyId: 'supply_00001', supplierId: 'supplier_001', quantity: 2 };
    expect(checkOrderShape({ lines: [line, { ...line, supplierId: 'supplier_002' }, line] })).toEqual([
      expect.objectContaining({ kind: 'InvalidOrderError', lineIndex: 2 }),
    ]);
  });

  it('reports every malformed line and a note over the limit at once', () => {
    const problems = checkOrderShape({
      lines: [
        { supplyId: 'a', supplierId: 's', quantity: 0 },
        { supplyId: 'b', supplierId: 's', quantity: -3 },
      ],
      note: 'x'.repeat(PlaceOrderLimit.MAX_NOTE_LENGTH + 1),
    });
    expect(problems.map((problem) => problem.lineIndex)).toEqual([null, 0, 1]);
  });
});

describe('priceOrder', () => {
  it("prices each line at its supplier's offer", () => {
    const listings = new Map([
      [
        'supply_1',
        listing('supply_1', [{ supplierId: 'supplier_001', unitPrice: { amountCents: 1234, currency: 'GBP' } }]),
      ],
    ]);
    expect(priceOrder([{ supplyId: 'supply_1', supplierId: 'supplier_001', quantity: 3 }], listings)).toEqual({
      ok: true,
      currency: 'GBP',
      lines: [
        {
          supplyId: 'supply_1',
          supplierId: 'supplier_001',
          quantity: 3,
          offerId: 'offer_supply_1_0',
          unitPrice: { amountCents: 1234, currency: 'GBP' },
        },
      ],
    });
  });

  it('refuses an order whose lines are priced in different currencies', () => {
    const listings = new Map([
      ['a', listing('a', [{ unitPrice: { amountCents: 100, currency: 'EUR' } }])],
      ['b', listing('b', [{ unitPrice: { amountCents: 100, currency: 'USD' } }])],
    ]);
    const lines = ['a', 'b'].map((supplyId) => ({ supplyId, supplierId: 'supplier_001', quantity: 1 }));
    expect(priceOrder(lines, listings)).toEqual({
      ok: false,
      errors: [expect.objectContaining({ kind: 'InvalidOrderError', lineIndex: 1 })],
    });
  });

  it('refuses an order whose total would not fit a GraphQL Int', () => {
    const listings = new Map([
      ['a', listing('a', [{ stock: 1_000_000, unitPrice: { amountCents: 1_000_000, currency: 'EUR' } }])],
    ]);
    expect(priceOrder([{ supplyId: 'a', supplierId: 'supplier_001', quantity: 10_000 }], listings)).toEqual({
      ok: false,
      errors: [expect.objectContaining({ kind: 'InvalidOrderError', lineIndex: null })],
    });
  });

  it('checks the minimum before the stock, and treats a missing listing as an unknown supply', () => {
    const listings = new Map([['a', listing('a', [{ minimumOrderQuantity: 10, stock: 0 }])]]);
    const result = priceOrder(
      [
        { supplyId: 'a', supplierId: 'supplier_001', quantity: 5 },
        { supplyId: 'a', supplierId: 'supplier_001', quantity: 10 },
        { supplyId: 'missing', supplierId: 'supplier_001', quantity: 1 },
      ],
      listings,
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({ kind: 'QuantityBelowMinimumError', lineIndex: 0, minimumOrderQuantity: 10 }),
        expect.objectContaining({ kind: 'OutOfStockError', lineIndex: 1, available: 0 }),
        expect.objectContaining({ kind: 'UnknownSupplyError', lineIndex: 2, supplyId: 'missing' }),
      ],
    });
  });
});
