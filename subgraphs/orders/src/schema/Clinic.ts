import { builder } from '../builder';
import { readPageArguments } from '../pagination/pageArguments';
import { OrderStatus } from './PurchaseOrder';
import { PurchaseOrderConnection } from './PurchaseOrderConnection';

/** A clinic of the accounts subgraph, extended with its purchase orders. */
export const Clinic = builder.externalRef('Clinic', builder.selection<{ id: string }>('id'), (ref) => ref);

Clinic.implement({
  // Same description as the owner's (accounts), so composition has nothing to reconcile.
  description: 'A clinic that buys medical supplies: one organisation with its own users and orders.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable identifier of the clinic.' }),
    orders: t.field({
      type: PurchaseOrderConnection,
      description: 'Purchase orders the clinic placed, newest first.',
      listSize: { slicingArguments: ['first'], sizedFields: ['edges'] },
      args: {
        first: t.arg.int({ defaultValue: 20, description: 'How many orders to return, at most the page size limit.' }),
        after: t.arg.string({ description: 'Cursor of the order to continue after (`pageInfo.endCursor`).' }),
        status: t.arg({ type: OrderStatus, description: 'Only orders in this status.' }),
      },
      resolve: (clinic, args, { loaders, maxPageSize }) =>
        loaders.clinicOrders.load({
          clinicId: clinic.id,
          ...readPageArguments(args, maxPageSize),
          status: args.status ?? null,
        }),
    }),
  }),
});
