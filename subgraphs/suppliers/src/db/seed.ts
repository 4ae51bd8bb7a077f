import { domainSeed } from '@switchyard/demo-domain';
import type { Database } from '@switchyard/subgraph-kit';
import { sql } from 'drizzle-orm';
import * as dbSchema from './schema';

const { insertInChunks, range, seedCounts, seedOffers, seedSupplier } = domainSeed;

/** Seeds the suppliers and their offers (tens of thousands at scale 1) of the deterministic domain world. */
export async function seedSuppliers(db: Database<typeof dbSchema>, scale: number): Promise<void> {
  const counts = seedCounts(scale);
  await db.transaction(async (tx) => {
    await insertInChunks(range(counts.suppliers).map(seedSupplier), (rows) =>
      tx.insert(dbSchema.suppliers).values(rows),
    );
    await insertInChunks(
      range(counts.supplies).flatMap((supply) => seedOffers(supply, counts)),
      (rows) => tx.insert(dbSchema.offers).values(rows),
    );
  });
}

export async function isSuppliersSeeded(db: Database<typeof dbSchema>): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(dbSchema.suppliers);
  return (row?.n ?? 0) > 0;
}
