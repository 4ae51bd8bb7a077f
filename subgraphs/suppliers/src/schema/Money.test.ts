import { describe, expect, it } from 'vitest';
import { toCurrencyCode } from './Currency';
import { formatMoney } from './Money';

describe('formatMoney', () => {
  it('prints the currency and the amount with two decimals, without float rounding', () => {
    expect(formatMoney({ amountCents: 1250, currency: 'EUR' })).toBe('EUR 12.50');
    expect(formatMoney({ amountCents: 7, currency: 'GBP' })).toBe('GBP 0.07');
    expect(formatMoney({ amountCents: 1_000_000_001, currency: 'USD' })).toBe('USD 10000000.01');
    expect(formatMoney({ amountCents: -5, currency: 'EUR' })).toBe('EUR -0.05');
  });
});

describe('toCurrencyCode', () => {
  it('accepts the known currencies and refuses anything else', () => {
    expect(toCurrencyCode('GBP')).toBe('GBP');
    expect(() => toCurrencyCode('eur')).toThrow('Unknown currency "eur"');
  });
});
