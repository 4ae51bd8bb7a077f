import { builder } from '../builder';
import type { PlaceOrderResult } from '../placement/placeOrder';
import { PlaceOrderError } from './PlaceOrderError';
import { PurchaseOrder } from './PurchaseOrder';

export const PlaceOrderPayload = builder.objectRef<PlaceOrderResult>('PlaceOrderPayload').implement({
  description: 'The placed order, or why it was not placed.',
  fields: (t) => ({
    order: t.field({
      type: PurchaseOrder,
      nullable: true,
      description: 'The new order, status SUBMITTED; null when there are errors.',
      resolve: (result) => result.order,
    }),
    errors: t.field({
      type: [PlaceOrderError],
      description: 'Everything that keeps the order from being placed; empty when it was placed.',
      resolve: (result) => result.errors,
    }),
  }),
});
