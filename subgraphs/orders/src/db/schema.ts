import { index, integer, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

/** The orders subgraph owns this PostgreSQL schema; no other subgraph reads it. */
export const orders = pgSchema('orders');

export const purchaseOrders = orders.table(
  'purchase_orders',
  {
    id: text('id').primaryKey(),
    /** Clinic id of the accounts subgraph; no foreign key, since accounts owns clinics. */
    clinicId: text('clinic_id').notNull(),
    /** User id of the accounts subgraph who placed the order. */
    placedById: text('placed_by_id').notNull(),
    /** One of `ORDER_STATUSES`; text, since statuses grow. */
    status: text('status').notNull(),
    placedAt: timestamp('placed_at', { withTimezone: true }).notNull(),
    /** ISO-4217 currency every line of the order is priced in. */
    currency: text('currency').notNull(),
    note: text('note'),
  },
  // Newest-first pages of a clinic's orders read this index in order.
  (t) => [index('purchase_orders_clinic_id_placed_at_idx').on(t.clinicId, t.placedAt.desc(), t.id.desc())],
);

export const orderLines = orders.table(
  'order_lines',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => purchaseOrders.id),
    /** Position of the line in the order, from 1. */
    position: integer('position').notNull(),
    /** Supply id of the catalog subgraph. */
    supplyId: text('supply_id').notNull(),
    /** Supplier id of the suppliers subgraph. */
    supplierId: text('supplier_id').notNull(),
    quantity: integer('quantity').notNull(),
    /** Price of one unit when the order was placed, in minor units of `currency`. */
    unitPriceCents: integer('unit_price_cents').notNull(),
    currency: text('currency').notNull(),
  },
  (t) => [index('order_lines_order_id_idx').on(t.orderId)],
);

export type PurchaseOrderRow = typeof purchaseOrders.$inferSelect;
export type OrderLineRow = typeof orderLines.$inferSelect;
