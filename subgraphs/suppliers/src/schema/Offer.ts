import { builder } from '../builder';
import type { OfferRow } from '../db/schema';
import { toCurrencyCode } from './Currency';
import { Money } from './Money';
import { Supplier } from './Supplier';
import { Supply } from './Supply';

export const Offer = builder.objectRef<OfferRow>('Offer');

/** A supplier's standing offer to sell one supply. */
Offer.implement({
  description: "A supplier's standing offer to sell one supply: price, stock and terms.",
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable identifier of the offer.' }),
    supplier: t.field({
      type: Supplier,
      description: 'The supplier making the offer.',
      resolve: async (offer, _args, { loaders }) => {
        const supplier = await loaders.supplier.load(offer.supplierId);
        if (!supplier) throw new Error(`Supplier ${offer.supplierId} of offer ${offer.id} is missing.`);
        return supplier;
      },
    }),
    supply: t.field({
      type: Supply,
      description: 'The supply on offer (the catalog describes it).',
      resolve: (offer) => ({ id: offer.supplyId }),
    }),
    unitPrice: t.field({
      type: Money,
      description: 'Price of one unit as the catalog sells it (one pack, box or piece).',
      resolve: (offer) => ({ amountCents: offer.unitPriceCents, currency: toCurrencyCode(offer.currency) }),
    }),
    stock: t.exposeInt('stock', { description: 'Units the supplier has in stock now.' }),
    minimumOrderQuantity: t.exposeInt('minimumOrderQuantity', {
      description: 'Orders must be a multiple of this many units, and at least this many.',
    }),
    leadTimeDays: t.exposeInt('leadTimeDays', { description: 'Days from order to delivery.' }),
    inStock: t.boolean({ description: 'Whether any units are in stock.', resolve: (offer) => offer.stock > 0 }),
  }),
});

builder.asEntity(Offer, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, { loaders }) => loaders.offer.load(ref.id),
});
