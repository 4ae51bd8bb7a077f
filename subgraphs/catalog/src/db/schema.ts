import { index, integer, pgSchema, primaryKey, text } from 'drizzle-orm/pg-core';

/** The catalog subgraph owns this PostgreSQL schema; no other subgraph reads it. */
export const catalog = pgSchema('catalog');

export const supplies = catalog.table(
  'supplies',
  {
    id: text('id').primaryKey(),
    sku: text('sku').notNull().unique('supplies_sku_unique'),
    name: text('name').notNull(),
    /** One of the kit's supply categories; text, since categories grow. */
    category: text('category').notNull(),
    unit: text('unit').notNull(),
    /** Units per pack. */
    packSize: integer('pack_size').notNull(),
    description: text('description').notNull(),
  },
  (t) => [
    // Keyset pagination of search results walks (name, id); with a category it walks (category, name, id).
    index('supplies_name_id_idx').on(t.name, t.id),
    index('supplies_category_name_id_idx').on(t.category, t.name, t.id),
  ],
);

export const procedures = catalog.table('procedures', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
});

export const procedureKitItems = catalog.table(
  'procedure_kit_items',
  {
    procedureId: text('procedure_id')
      .notNull()
      .references(() => procedures.id),
    supplyId: text('supply_id')
      .notNull()
      .references(() => supplies.id),
    /** Order of the item within its kit, from 0. */
    position: integer('position').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [
    primaryKey({ name: 'procedure_kit_items_pk', columns: [t.procedureId, t.supplyId] }),
    index('procedure_kit_items_supply_id_idx').on(t.supplyId),
  ],
);

export type SupplyRow = typeof supplies.$inferSelect;
export type ProcedureRow = typeof procedures.$inferSelect;
export type KitItemRow = typeof procedureKitItems.$inferSelect;
