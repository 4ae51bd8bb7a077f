import { requireClinicCaller } from '../auth/requireClinicCaller';
import { builder } from '../builder';
import { readPageArguments } from '../pagination/pageArguments';
import { PurchaseOrder } from './PurchaseOrder';
import { PurchaseOrderConnection } from './PurchaseOrderConnection';

builder.queryType({
  description: 'Entry points of the orders subgraph.',
  fields: (t) => ({
    order: t.field({
      type: PurchaseOrder,
      nullable: true,
      description: 'A purchase order by id; null when there is none.',
      args: { id: t.arg.id({ required: true, description: 'Id of the order.' }) },
      resolve: (_root, { id }, { loaders }) => loaders.order.load(String(id)),
    }),
    myOrders: t.field({
      type: PurchaseOrderConnection,
      description: "Purchase orders of the signed-in user's clinic, newest first.",
      authenticated: true,
      listSize: { slicingArguments: ['first'], sizedFields: ['edges'] },
      args: {
        first: t.arg.int({ defaultValue: 20, description: 'How many orders to return, at most the page size limit.' }),
        after: t.arg.string({ description: 'Cursor of the order to continue after (`pageInfo.endCursor`).' }),
      },
      resolve: (_root, args, { identity, loaders, maxPageSize }) => {
        const { clinicId } = requireClinicCaller(identity);
        return loaders.clinicOrders.load({ clinicId, ...readPageArguments(args, maxPageSize), status: null });
      },
    }),
  }),
});
