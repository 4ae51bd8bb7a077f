import { describe, expect, it } from 'vitest';
import { formatMoney, moneyOf } from './Money';

describe('Money', () => {
  it('formats minor units with two decimals and the sign after the currency, as the suppliers subgraph does', () => {
    expect(formatMoney({ amountCents: 1250, currency: 'EUR' })).toBe('EUR 12.50');
    expect(formatMoney({ amountCents: 7, currency: 'GBP' })).toBe('GBP 0.07');
    expect(formatMoney({ amountCents: -300, currency: 'USD' })).toBe('USD -3.00');
  });

  it('refuses a stored currency outside the Currency enum', () => {
    expect(moneyOf(100, 'EUR')).toEqual({ amountCents: 100, currency: 'EUR' });
    expect(() => moneyOf(100, 'CHF')).toThrow('CHF');
  });
});
