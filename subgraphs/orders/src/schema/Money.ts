import { builder } from '../builder';
import { CURRENCIES, type Currency as CurrencyCode } from '../placement/validateOrder';

/** An amount in minor units of a currency. */
export interface MoneyShape {
  amountCents: number;
  currency: CurrencyCode;
}

/** Money from a stored amount and currency code; a code outside `Currency` is a bug in what was stored. */
export function moneyOf(amountCents: number, currency: string): MoneyShape {
  const code = CURRENCIES.find((candidate) => candidate === currency);
  if (!code) throw new Error(`Stored currency ${currency} is not one of ${CURRENCIES.join(', ')}.`);
  return { amountCents, currency: code };
}

/** Formats an amount for display, e.g. `EUR 12.50` (`EUR -3.00` when negative), exactly as suppliers does. */
export function formatMoney({ amountCents, currency }: MoneyShape): string {
  const sign = amountCents < 0 ? '-' : '';
  const cents = Math.abs(amountCents);
  return `${currency} ${sign}${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

// Money and Currency are defined identically in the suppliers subgraph: a shareable type must match everywhere.
export const Currency = builder.enumType('Currency', {
  description: 'ISO-4217 currency.',
  values: {
    EUR: { description: 'Euro.' },
    USD: { description: 'US dollar.' },
    GBP: { description: 'Pound sterling.' },
  } as const,
});

export const Money = builder.objectRef<MoneyShape>('Money').implement({
  description: 'An amount of money in minor units (cents) of a currency.',
  shareable: true,
  fields: (t) => ({
    amountCents: t.exposeInt('amountCents', { description: 'Amount in minor units (cents).' }),
    currency: t.expose('currency', { type: Currency, description: 'ISO-4217 currency.' }),
    formatted: t.string({
      description: 'Amount formatted for display, e.g. EUR 12.50.',
      resolve: (money) => formatMoney(money),
    }),
  }),
});
