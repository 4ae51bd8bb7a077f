import { builder } from '../builder';
import type { PurchaseOrderRow } from '../db/schema';
import type { OrderPage } from '../loaders/orderLoaders';
import { encodeOrderCursor } from '../pagination/cursor';
import { PurchaseOrder } from './PurchaseOrder';

/** Where a page ends. */
export interface PageInfoShape {
  hasNextPage: boolean;
  endCursor: string | null;
}

// `@shareable`: the catalog and suppliers subgraphs define the identical type, description for description.
export const PageInfo = builder.objectRef<PageInfoShape>('PageInfo').implement({
  description: 'Where a page of a connection ends, and whether another page follows.',
  shareable: true,
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage', { description: 'Whether more items follow this page.' }),
    endCursor: t.exposeString('endCursor', {
      nullable: true,
      description: 'Cursor of the last item of this page, to pass as `after`; null when the page is empty.',
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
      type: PageInfo,
      description: 'Where the page ends, and whether more follow.',
      resolve: (page) => {
        const last = page.orders.at(-1);
        return { hasNextPage: page.hasNextPage, endCursor: last ? encodeOrderCursor(last) : null };
      },
    }),
  }),
});
