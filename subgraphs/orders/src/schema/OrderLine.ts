import { builder } from '../builder';
import type { OrderLineRow } from '../db/schema';
import { Money, moneyOf } from './Money';
import { Supplier } from './Supplier';
import { Supply } from './Supply';

export const OrderLine = builder.objectRef<OrderLineRow>('OrderLine');

OrderLine.implement({
  description: 'One line of a purchase order: a quantity of a supply from one supplier, at the price of its offer.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable identifier of the line.' }),
    supply: t.field({
      type: Supply,
      description: 'The supply ordered.',
      resolve: (line) => ({ id: line.supplyId }),
    }),
    supplier: t.field({
      type: Supplier,
      description: 'The supplier it is ordered from.',
      resolve: (line) => ({ id: line.supplierId }),
    }),
    quantity: t.exposeInt('quantity', { description: 'Number of units ordered.' }),
    unitPrice: t.field({
      type: Money,
      description: "Price of one unit, fixed from the supplier's offer when the order was placed.",
      resolve: (line) => moneyOf(line.unitPriceCents, line.currency),
    }),
    lineTotal: t.field({
      type: Money,
      description: 'Quantity times unit price.',
      requiresScopes: [['orders:read']],
      resolve: (line) => moneyOf(line.quantity * line.unitPriceCents, line.currency),
    }),
  }),
});
