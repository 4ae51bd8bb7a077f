import { builder } from '../builder';

/** Currencies offers are priced in; a closed set, so the database's text is checked against it. */
export const CurrencyCode = { EUR: 'EUR', USD: 'USD', GBP: 'GBP' } as const;
export type CurrencyCode = (typeof CurrencyCode)[keyof typeof CurrencyCode];

/** Reads a currency stored as text; anything outside the set is a data bug, not a client error. */
export function toCurrencyCode(text: string): CurrencyCode {
  const code = Object.values(CurrencyCode).find((value) => value === text);
  if (!code) throw new Error(`Unknown currency ${JSON.stringify(text)} in the suppliers database.`);
  return code;
}

/** ISO-4217 currency; defined identically in the orders subgraph (composition merges the enum). */
export const Currency = builder.enumType('Currency', {
  description: 'ISO-4217 currency.',
  values: {
    EUR: { description: 'Euro.' },
    USD: { description: 'US dollar.' },
    GBP: { description: 'Pound sterling.' },
  } as const,
});
