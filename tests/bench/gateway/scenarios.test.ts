import { describe, expect, it } from 'vitest';
import { createScenarios, ORDERS_PER_REQUEST } from './scenarios';

describe('createScenarios', () => {
  const [large, small, burst, precomputedLarge, precomputedSmall] = createScenarios(0.2);

  it('rotates the large query over every seeded clinic and the small one over distinct supplies', () => {
    const clinics = large?.bodies.map((body) => JSON.parse(body).variables.clinic);
    expect(clinics).toEqual([
      'clinic_0001',
      'clinic_0002',
      'clinic_0003',
      'clinic_0004',
      'clinic_0005',
      'clinic_0006',
      'clinic_0007',
      'clinic_0008',
    ]);
    const supplies = small?.bodies.map((body) => JSON.parse(body).variables.id as string) ?? [];
    expect(supplies).toHaveLength(500);
    expect(new Set(supplies).size).toBe(500);
    expect(supplies.every((id) => /^supply_\d{5}$/.test(id) && Number(id.slice(7)) <= 600)).toBe(true);
  });

  it('sends one body only in the identical burst', () => {
    expect(burst?.bodies).toEqual([large?.bodies[0]]);
  });

  it('replays the large and small bodies over precomputed subgraphs, the live scenarios over the seeded ones', () => {
    expect(precomputedLarge).toMatchObject({ subgraphs: 'precomputed', bodies: large?.bodies });
    expect(precomputedSmall).toMatchObject({ subgraphs: 'precomputed', bodies: small?.bodies });
    expect([large, small, burst].map((scenario) => scenario?.subgraphs)).toEqual(['live', 'live', 'live']);
  });

  it('accepts only data of the expected shape', () => {
    const orders = Array.from({ length: ORDERS_PER_REQUEST }, (_, i) => ({ node: { id: String(i) } }));
    expect(() => large?.checkData({ clinic: { orders: { edges: orders } } })).not.toThrow();
    expect(() => large?.checkData({ clinic: null })).toThrow(/expected a clinic with 20 orders/);
    expect(() => large?.checkData({ clinic: { orders: { edges: orders.slice(1) } } })).toThrow(/20 orders/);
    expect(() => small?.checkData({ supply: { sku: 'ABC-00001' } })).not.toThrow();
    expect(() => small?.checkData({ supply: null })).toThrow(/expected a supply/);
  });
});
