import { requireClinicCaller } from '../auth/requireClinicCaller';
import { builder } from '../builder';
import { placeOrder } from '../placement/placeOrder';
import { PlaceOrderInput } from './PlaceOrderInput';
import { PlaceOrderPayload } from './PlaceOrderPayload';

builder.mutationType({
  description: 'Changes the orders subgraph makes.',
  fields: (t) => ({
    placeOrder: t.field({
      type: PlaceOrderPayload,
      description:
        "Places a purchase order for the signed-in user's clinic at the suppliers' current offer prices. Invalid orders come back as `errors`, with nothing written.",
      authenticated: true,
      requiresScopes: [['orders:write']],
      args: {
        input: t.arg({ type: PlaceOrderInput, required: true, description: 'The lines and note of the order.' }),
      },
      resolve: async (_root, { input }, { identity, db, directory, logger, loaders }) => {
        const buyer = requireClinicCaller(identity, 'orders:write');
        const result = await placeOrder({ db, directory, logger }, buyer, {
          lines: input.lines.map((line) => ({
            ...line,
            supplyId: String(line.supplyId),
            supplierId: String(line.supplierId),
          })),
          note: input.note,
        });
        if (result.order) {
          // The payload's order is read back through the loaders; prime them instead of querying again.
          loaders.order.prime(result.order.id, result.order);
          loaders.linesByOrder.prime(result.order.id, result.lines);
        }
        return result;
      },
    }),
  }),
});
