import { domainSeed } from '@switchyard/demo-domain';
import type { Database } from '@switchyard/subgraph-kit';
import { sql } from 'drizzle-orm';
import { orderLineId } from './orderIds';
import * as dbSchema from './schema';

const { insertInChunks, range, seedCounts, seedOrder } = domainSeed;

/** Seeds the purchase orders of the deterministic domain world, with their lines, in one transaction. */
export async function seedOrders(db: Database<typeof dbSchema>, scale: number): Promise<void> {
  const counts = seedCounts(scale);
  const seeded = range(counts.orders).map((i) => seedOrder(i, counts));
  await db.transaction(async (tx) => {
    await insertInChunks(
      seeded.map(({ lines: _lines, placedById, ...order }) => ({ ...order, placedById, currency: 'EUR', note: null })),
      (rows) => tx.insert(dbSchema.purchaseOrders).values(rows),
    );
    await insertInChunks(
      seeded.flatMap((order) =>
        order.lines.map((line, k) => ({
          id: orderLineId(order.id, k + 1),
          orderId: order.id,
          position: k + 1,
          ...line,
        })),
      ),
      (rows) => tx.insert(dbSchema.orderLines).values(rows),
    );
  });
}

export async function isOrdersSeeded(db: Database<typeof dbSchema>): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(dbSchema.purchaseOrders);
  return (row?.n ?? 0) > 0;
}
