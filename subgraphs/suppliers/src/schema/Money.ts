import { builder } from '../builder';
import { Currency, type CurrencyCode } from './Currency';

/** An amount in minor units of a currency. */
export interface MoneyShape {
  amountCents: number;
  currency: CurrencyCode;
}

/** Formats an amount for display as `EUR 12.50`, with integer arithmetic so cents never round. */
export function formatMoney({ amountCents, currency }: MoneyShape): string {
  const sign = amountCents < 0 ? '-' : '';
  const cents = Math.abs(amountCents);
  return `${currency} ${sign}${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/**
 * `@shareable` value type: the orders subgraph defines exactly the same type, field for field and description for
 * description, since every subgraph defining a shareable type must agree on it.
 */
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
