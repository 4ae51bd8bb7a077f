import { doublePrecision, index, integer, pgSchema, text } from 'drizzle-orm/pg-core';

/** The suppliers subgraph owns this PostgreSQL schema; no other subgraph reads it. */
export const suppliersSchema = pgSchema('suppliers');

export const suppliers = suppliersSchema.table('suppliers', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** ISO-3166 alpha-2 code of the country the supplier ships from. */
  country: text('country').notNull(),
  /** Buyer rating from 1.0 to 5.0. */
  rating: doublePrecision('rating').notNull(),
});

export const offers = suppliersSchema.table(
  'offers',
  {
    id: text('id').primaryKey(),
    /** A catalog supply; the catalog owns supplies, so this is a reference, not a foreign key. */
    supplyId: text('supply_id').notNull(),
    supplierId: text('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    /** Price of one unit of the supply (one pack, box or piece, as the catalog sells it), in cents. */
    unitPriceCents: integer('unit_price_cents').notNull(),
    /** ISO-4217 code; text, since currencies grow. */
    currency: text('currency').notNull(),
    stock: integer('stock').notNull(),
    minimumOrderQuantity: integer('minimum_order_quantity').notNull(),
    leadTimeDays: integer('lead_time_days').notNull(),
  },
  (t) => [
    // All offers of a batch of supplies, cheapest first, come from this index.
    index('offers_supply_id_price_idx').on(t.supplyId, t.unitPriceCents),
    // The first offers of each supplier, by id, come from this index (one lateral lookup per supplier).
    index('offers_supplier_id_id_idx').on(t.supplierId, t.id),
  ],
);

export type SupplierRow = typeof suppliers.$inferSelect;
export type OfferRow = typeof offers.$inferSelect;
