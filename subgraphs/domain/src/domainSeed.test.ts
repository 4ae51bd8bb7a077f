import { describe, expect, it } from 'vitest';
import { clinicId, seedCounts, seedOffers, seedOrder, seedUser, supplierId, supplyId } from './domainSeed';

describe('domain seed', () => {
  const counts = seedCounts(1);

  it('has the size the issue asks for at full scale', () => {
    const offers = Array.from({ length: counts.supplies }, (_, i) => seedOffers(i + 1, counts).length).reduce(
      (a, b) => a + b,
      0,
    );
    expect(counts.supplies).toBe(3000);
    expect(offers).toBeGreaterThan(20_000);
    const lines = Array.from({ length: counts.orders }, (_, i) => seedOrder(i + 1, counts).lines.length).reduce(
      (a, b) => a + b,
      0,
    );
    expect(lines).toBeGreaterThan(20_000);
  });

  it('is deterministic, so each subgraph can regenerate the records it references', () => {
    expect(seedOrder(17, counts)).toEqual(seedOrder(17, counts));
    expect(seedOffers(42, counts)).toEqual(seedOffers(42, counts));
  });

  it('places every order line against a real offer of a real supply, by a user of the ordering clinic', () => {
    for (let i = 1; i <= 200; i++) {
      const order = seedOrder(i, counts);
      const user = seedUser(Number(order.placedById.slice('user_'.length)), counts);
      expect(user.clinicId).toBe(order.clinicId);
      for (const line of order.lines) {
        const supplyIndex = Number(line.supplyId.slice('supply_'.length));
        expect(supplyIndex).toBeLessThanOrEqual(counts.supplies);
        const offer = seedOffers(supplyIndex, counts).find((o) => o.supplierId === line.supplierId);
        expect(offer?.unitPriceCents).toBe(line.unitPriceCents);
        expect(line.quantity % (offer?.minimumOrderQuantity ?? 0)).toBe(0);
      }
    }
    expect([clinicId(1), supplyId(1), supplierId(1)]).toEqual(['clinic_0001', 'supply_00001', 'supplier_001']);
  });
});
