import { byKey, groupByKey } from '@switchyard/subgraph-kit';
import DataLoader from 'dataloader';
import { and, asc, eq, getTableColumns, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { OrdersDatabase } from '../db/database';
import { type OrderLineRow, orderLines, type PurchaseOrderRow, purchaseOrders } from '../db/schema';
import type { OrderCursor } from '../pagination/cursor';

/** One clinic's page of orders: newest first, from after `after`, at most `first`, optionally of one status. */
export interface ClinicOrdersKey {
  clinicId: string;
  first: number;
  after: OrderCursor | null;
  status: string | null;
}

/** The orders of a page, and whether more follow. */
export interface OrderPage {
  orders: PurchaseOrderRow[];
  hasNextPage: boolean;
}

function pageArgumentsKey({ first, after, status }: Omit<ClinicOrdersKey, 'clinicId'>): string {
  return JSON.stringify([first, after?.placedAt.toISOString() ?? null, after?.id ?? null, status]);
}

/**
 * Loads the pages of many clinics that share the same page arguments in ONE statement: every clinic's orders are
 * ranked newest first by a window function and cut at `first + 1` (the extra row says whether a next page exists).
 */
async function loadClinicPages(
  db: OrdersDatabase,
  clinicIds: string[],
  { first, after, status }: Omit<ClinicOrdersKey, 'clinicId'>,
): Promise<Map<string, OrderPage>> {
  const conditions: SQL[] = [inArray(purchaseOrders.clinicId, clinicIds)];
  if (status) conditions.push(eq(purchaseOrders.status, status));
  if (after) {
    conditions.push(
      sql`(${purchaseOrders.placedAt}, ${purchaseOrders.id}) < (${after.placedAt.toISOString()}::timestamptz, ${after.id})`,
    );
  }
  const ranked = db
    .select({
      ...getTableColumns(purchaseOrders),
      rank: sql<number>`row_number() over (partition by ${purchaseOrders.clinicId} order by ${purchaseOrders.placedAt} desc, ${purchaseOrders.id} desc)`.as(
        'rank',
      ),
    })
    .from(purchaseOrders)
    .where(and(...conditions))
    .as('ranked');
  const rows = await db
    .select()
    .from(ranked)
    .where(lte(ranked.rank, first + 1))
    .orderBy(asc(ranked.clinicId), asc(ranked.rank));
  const pages = new Map<string, OrderPage>();
  for (const { rank: _rank, ...order } of rows) {
    let page = pages.get(order.clinicId);
    if (!page) {
      page = { orders: [], hasNextPage: false };
      pages.set(order.clinicId, page);
    }
    if (page.orders.length < first) page.orders.push(order);
    else page.hasNextPage = true;
  }
  return pages;
}

/** Fresh per-request loaders: every entity and child list of the orders subgraph loads in one statement per tick. */
export function createOrderLoaders(db: OrdersDatabase) {
  return {
    order: new DataLoader<string, PurchaseOrderRow | null>(async (ids) =>
      byKey(
        ids,
        await db
          .select()
          .from(purchaseOrders)
          .where(inArray(purchaseOrders.id, [...ids])),
        (row) => row.id,
      ),
    ),
    linesByOrder: new DataLoader<string, OrderLineRow[]>(async (orderIds) =>
      groupByKey(
        orderIds,
        await db
          .select()
          .from(orderLines)
          .where(inArray(orderLines.orderId, [...orderIds]))
          .orderBy(orderLines.orderId, orderLines.position),
        (row) => row.orderId,
      ),
    ),
    /** Pages of clinics' orders; keys with the same page arguments share one statement. */
    clinicOrders: new DataLoader<ClinicOrdersKey, OrderPage, string>(
      async (keys) => {
        const groups = new Map<string, { args: Omit<ClinicOrdersKey, 'clinicId'>; clinicIds: string[] }>();
        for (const { clinicId, ...args } of keys) {
          const groupKey = pageArgumentsKey(args);
          const group = groups.get(groupKey);
          if (group) group.clinicIds.push(clinicId);
          else groups.set(groupKey, { args, clinicIds: [clinicId] });
        }
        const pages = new Map<string, Map<string, OrderPage>>();
        await Promise.all(
          [...groups].map(async ([groupKey, { args, clinicIds }]) => {
            pages.set(groupKey, await loadClinicPages(db, clinicIds, args));
          }),
        );
        return keys.map(({ clinicId, ...args }) => {
          return pages.get(pageArgumentsKey(args))?.get(clinicId) ?? { orders: [], hasNextPage: false };
        });
      },
      { cacheKeyFn: (key) => `${key.clinicId}|${pageArgumentsKey(key)}` },
    ),
  };
}

export type OrderLoaders = ReturnType<typeof createOrderLoaders>;
