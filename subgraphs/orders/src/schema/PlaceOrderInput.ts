import { builder } from '../builder';

export const PlaceOrderLineInput = builder.inputType('PlaceOrderLineInput', {
  description: 'One line of a new order: a quantity of a supply from a supplier that offers it.',
  fields: (t) => ({
    supplyId: t.id({ required: true, description: 'Id of the supply (catalog).' }),
    supplierId: t.id({ required: true, description: 'Id of the supplier whose offer to order from (suppliers).' }),
    quantity: t.int({ required: true, description: 'Units to order, at least 1 and at least the offer minimum.' }),
  }),
});

export const PlaceOrderInput = builder.inputType('PlaceOrderInput', {
  description: "A new purchase order for the caller's clinic.",
  fields: (t) => ({
    lines: t.field({
      type: [PlaceOrderLineInput],
      required: true,
      description: 'The lines, 1 to 100, each supply and supplier at most once.',
    }),
    note: t.string({ description: 'Free-text note for the suppliers, at most 1000 characters.' }),
  }),
});
