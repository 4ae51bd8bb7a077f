import { builder } from '../builder';
import type { OfferRow } from '../db/schema';
import { toCurrencyCode } from './Currency';
import { Money } from './Money';
import { Offer } from './Offer';

/** The cheapest offer with units in stock; offers come cheapest first from the loader. */
const cheapestInStock = (offers: OfferRow[]) => offers.find((offer) => offer.stock > 0) ?? null;

/**
 * The catalog's `Supply`, extended with the offers suppliers make for it. No reference resolver: the fields below
 * need only the key (and `packSize` where required), and load offers for all representations in one batch.
 */
export const Supply = builder.externalRef('Supply', builder.selection<{ id: string }>('id')).implement({
  // Word for word the catalog's description, so composition has one to keep.
  description: 'A medical supply a clinic can buy, as the catalog describes it. Suppliers make offers for it.',
  externalFields: (t) => ({
    packSize: t.int({ description: 'Units per pack (owned by the catalog).' }),
  }),
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable identifier of the supply.' }),
    offers: t.field({
      type: [Offer],
      description: 'Offers for this supply, cheapest first (loaded in one batch for all supplies of a request).',
      listSize: { assumedSize: 12 },
      cost: 5,
      args: {
        inStockOnly: t.arg.boolean({ defaultValue: false, description: 'Only offers with units in stock.' }),
      },
      resolve: async (supply, { inStockOnly }, { loaders }) => {
        const offers = await loaders.offersBySupply.load(supply.id);
        return inStockOnly ? offers.filter((offer) => offer.stock > 0) : offers;
      },
    }),
    bestOffer: t.field({
      type: Offer,
      nullable: true,
      description: 'The cheapest offer with units in stock; null when no supplier has any.',
      resolve: async (supply, _args, { loaders }) => cheapestInStock(await loaders.offersBySupply.load(supply.id)),
    }),
    lowestPricePerUnit: t.field({
      type: Money,
      nullable: true,
      description:
        'Price of one single unit at the best offer: its pack price divided by the pack size, to the nearest cent.',
      requires: builder.selection<{ packSize: number }>('packSize'),
      resolve: async (supply, _args, { loaders }) => {
        const best = cheapestInStock(await loaders.offersBySupply.load(supply.id));
        if (!best || !(supply.packSize > 0)) return null;
        return {
          amountCents: Math.round(best.unitPriceCents / supply.packSize),
          currency: toCurrencyCode(best.currency),
        };
      },
    }),
  }),
});
