import { byKey, type Database, groupByKey } from '@switchyard/subgraph-kit';
import DataLoader from 'dataloader';
import { asc, eq, inArray } from 'drizzle-orm';
import type * as dbSchema from '../db/schema';
import { type OfferRow, offers, type SupplierRow, suppliers } from '../db/schema';

/** Asks for the first `first` offers of one supplier. */
export interface SupplierOffersKey {
  supplierId: string;
  first: number;
}

/**
 * Fresh per-request loaders: every entity and child list of the suppliers subgraph loads in ONE statement per
 * batch, however many keys the request asks for.
 */
export function createSupplierLoaders(db: Database<typeof dbSchema>) {
  const offer = new DataLoader<string, OfferRow | null>(async (ids) =>
    byKey(
      ids,
      await db
        .select()
        .from(offers)
        .where(inArray(offers.id, [...ids])),
      (row) => row.id,
    ),
  );
  const supplier = new DataLoader<string, SupplierRow | null>(async (ids) =>
    byKey(
      ids,
      await db
        .select()
        .from(suppliers)
        .where(inArray(suppliers.id, [...ids])),
      (row) => row.id,
    ),
  );
  return {
    supplier,
    offer,
    /**
     * Every offer for each supply, cheapest first (then by id). `offers`, `bestOffer` and `lowestPricePerUnit` of
     * all the Supply representations of a request share this one statement.
     */
    offersBySupply: new DataLoader<string, OfferRow[]>(async (supplyIds) => {
      const rows = await db
        .select()
        .from(offers)
        .where(inArray(offers.supplyId, [...supplyIds]))
        .orderBy(asc(offers.supplyId), asc(offers.unitPriceCents), asc(offers.id));
      for (const row of rows) offer.prime(row.id, row);
      return groupByKey(supplyIds, rows, (row) => row.supplyId);
    }),
    /**
     * The first offers (by id) of each supplier. Keys asking for different `first` share the batch: one lateral
     * join takes the largest `first` per supplier through `offers_supplier_id_id_idx`, then each key is cut to its own.
     */
    offersBySupplier: new DataLoader<SupplierOffersKey, OfferRow[], string>(
      async (keys) => {
        const limit = Math.max(0, ...keys.map((key) => key.first));
        const supplierIds = [...new Set(keys.map((key) => key.supplierId))];
        const firstOffers = db
          .select()
          .from(offers)
          .where(eq(offers.supplierId, suppliers.id))
          .orderBy(asc(offers.id))
          .limit(limit)
          .as('first_offers');
        const rows = await db
          .select()
          .from(suppliers)
          .crossJoinLateral(firstOffers)
          .where(inArray(suppliers.id, supplierIds))
          .orderBy(asc(firstOffers.supplierId), asc(firstOffers.id));
        // The join brings each supplier along, so `offer.supplier` needs no statement of its own.
        for (const row of rows) supplier.prime(row.suppliers.id, row.suppliers);
        const groups = groupByKey(
          keys.map((key) => key.supplierId),
          rows.map((row) => row.first_offers),
          (row) => row.supplierId,
        );
        return groups.map((group, i) => group.slice(0, keys[i]?.first ?? 0));
      },
      { cacheKeyFn: (key) => `${key.first}:${key.supplierId}` },
    ),
  };
}

export type SupplierLoaders = ReturnType<typeof createSupplierLoaders>;
