import { builder } from '../builder';
import type { PurchaseOrderRow } from '../db/schema';
import type { OrderPage } from '../loaders/orderLoaders';
import { encodeOrderCursor } from '../pagination/cursor';
import { PurchaseOrder } from './PurchaseOrder';

// Named for orders rather than a shared `PageInfo`: another subgraph's PageInfo would have to be @shareable and
// identical for the two to compose.
export const PurchaseOrderPageInfo = builder.objectRef<OrderPage>('PurchaseOrderPageInfo').implement({
  description: 'Where a page of purchase orders ends, and whether more follow.',
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage', { description: 'Whether orders follow this page.' }),
    endCursor: t.string({
      nullable: true,
      description: 'Cursor of the last order of the page, to pass as `after` for the next; null when it is empty.',
      resolve: (page) => {
        const last = page.orders.at(-1);
        return last ? encodeOrderCursor(last) : null;
      },
    }),
  }),
});

export const PurchaseOrderEdge = builder.objectRef<PurchaseOrderRow>('PurchaseOrderEdge').implement({
  description: 'A purchase order in a page, with its cursor.',
  fields: (t) => ({
    cursor: t.string({
      description: 'Opaque position of the order, to pass as `after`.',
      resolve: (order) => encodeOrderCursor(order),
    }),
    node: t.field({ type: PurchaseOrder, description: 'The purchase order.', resolve: (order) => order }),
  }),
});

export const PurchaseOrderConnection = builder.objectRef<OrderPage>('PurchaseOrderConnection').implement({
  description: 'A page of purchase orders, newest first.',
  fields: (t) => ({
    edges: t.field({
      type: [PurchaseOrderEdge],
      description: 'The orders of the page, newest first.',
      resolve: (page) => page.orders,
    }),
    pageInfo: t.field({
      type: PurchaseOrderPageInfo,
      description: 'Where the page ends, and whether more follow.',
      resolve: (page) => page,
    }),
  }),
});
