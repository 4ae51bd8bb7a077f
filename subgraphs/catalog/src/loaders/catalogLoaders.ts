import type { Database } from '@switchyard/subgraph-kit';
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

/** Picks each key's row, in the order of `keys` (DataLoader wants results in key order); null when missing. */
function byKey<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): (T | null)[] {
  const map = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => map.get(key) ?? null);
}

/** Groups rows under their key, in the order of `keys`; an empty list for a key without rows. */
function groupByKey<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = map.get(key);
    if (group) group.push(row);
    else map.set(key, [row]);
  }
  return keys.map((key) => map.get(key) ?? []);
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
