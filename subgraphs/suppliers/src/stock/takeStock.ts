import type { Database } from '@switchyard/subgraph-kit';
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type * as dbSchema from '../db/schema';
import { offers } from '../db/schema';

/** Units of one offer an order takes (or gives back). */
export interface StockLine {
  offerId: string;
  quantity: number;
}

/** An offer that had fewer units than asked, with what it has now. */
export interface StockShortage {
  offerId: string;
  available: number;
}

export type TakeStockResult = { ok: true } | { ok: false; shortages: StockShortage[] };

class Shortage extends Error {}

/**
 * Takes the stock of every line, or of none: each offer's stock drops by its quantity in one conditional UPDATE
 * (`… WHERE stock >= quantity RETURNING`), so concurrent orders never sell more than there is — the row lock makes
 * a second taker wait and re-check the condition on the updated row. Lines are taken in offer order so two orders
 * sharing offers cannot deadlock. On any shortage the transaction rolls back and every short offer is reported.
 */
export async function takeStock(db: Database<typeof dbSchema>, lines: readonly StockLine[]): Promise<TakeStockResult> {
  const sorted = [...lines].sort((a, b) => (a.offerId < b.offerId ? -1 : a.offerId > b.offerId ? 1 : 0));
  const short: string[] = [];
  try {
    await db.transaction(async (tx) => {
      for (const line of sorted) {
        const taken = await tx
          .update(offers)
          .set({ stock: sql`${offers.stock} - ${line.quantity}` })
          .where(and(eq(offers.id, line.offerId), gte(offers.stock, line.quantity)))
          .returning({ stock: offers.stock });
        if (taken.length === 0) short.push(line.offerId);
      }
      if (short.length > 0) throw new Shortage();
    });
  } catch (error) {
    if (!(error instanceof Shortage)) throw error;
    const rows = await db.select({ id: offers.id, stock: offers.stock }).from(offers).where(inArray(offers.id, short));
    const stock = new Map(rows.map((row) => [row.id, row.stock]));
    return { ok: false, shortages: short.map((offerId) => ({ offerId, available: stock.get(offerId) ?? 0 })) };
  }
  return { ok: true };
}

/** Gives back stock taken for an order that was then not written. */
export async function returnStock(db: Database<typeof dbSchema>, lines: readonly StockLine[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (const line of lines) {
      await tx
        .update(offers)
        .set({ stock: sql`${offers.stock} + ${line.quantity}` })
        .where(eq(offers.id, line.offerId));
    }
  });
}
