import { byKey, groupByKey, type Database } from '@switchyard/subgraph-kit';
import DataLoader from 'dataloader';
import { asc, eq, inArray } from 'drizzle-orm';
import type * as dbSchema from '../db/schema';
import { type ProcedureRow, procedureKitItems, procedures, type SupplyRow, supplies } from '../db/schema';

/** One line of a procedure's kit: a supply and how many of it the procedure uses. */
export interface KitItem {
  procedureId: string;
  quantity: number;
  supply: SupplyRow;
}

/**
 * Fresh per-request loaders: every entity and child list of the catalog loads in ONE statement per batch, however
 * many keys the request asks for.
 */
export function createCatalogLoaders(db: Database<typeof dbSchema>) {
  const supply = new DataLoader<string, SupplyRow | null>(async (ids) =>
    byKey(
      ids,
      await db
        .select()
        .from(supplies)
        .where(inArray(supplies.id, [...ids])),
      (row) => row.id,
    ),
  );
  const supplyBySku = new DataLoader<string, SupplyRow | null>(async (skus) => {
    const rows = await db
      .select()
      .from(supplies)
      .where(inArray(supplies.sku, [...skus]));
    for (const row of rows) supply.prime(row.id, row);
    return byKey(skus, rows, (row) => row.sku);
  });
  return {
    supply,
    supplyBySku,
    procedure: new DataLoader<string, ProcedureRow | null>(async (ids) =>
      byKey(
        ids,
        await db
          .select()
          .from(procedures)
          .where(inArray(procedures.id, [...ids])),
        (row) => row.id,
      ),
    ),
    /** The kit of each procedure, in kit order, each item with its supply (joined, so still one statement). */
    kitByProcedure: new DataLoader<string, KitItem[]>(async (procedureIds) => {
      const rows = await db
        .select({ item: procedureKitItems, supply: supplies })
        .from(procedureKitItems)
        .innerJoin(supplies, eq(supplies.id, procedureKitItems.supplyId))
        .where(inArray(procedureKitItems.procedureId, [...procedureIds]))
        .orderBy(asc(procedureKitItems.procedureId), asc(procedureKitItems.position));
      for (const row of rows) supply.prime(row.supply.id, row.supply);
      return groupByKey(
        procedureIds,
        rows.map(({ item, supply }) => ({ procedureId: item.procedureId, quantity: item.quantity, supply })),
        (row) => row.procedureId,
      );
    }),
  };
}

export type CatalogLoaders = ReturnType<typeof createCatalogLoaders>;
