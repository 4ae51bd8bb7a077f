import { domainSeed } from '@switchyard/demo-domain';
import type { Database } from '@switchyard/subgraph-kit';
import { sql } from 'drizzle-orm';
import * as dbSchema from './schema';

const { insertInChunks, range, seedCounts, seedProcedure, seedSupply } = domainSeed;

/** Seeds the supplies and the procedures (with their kits) of the deterministic domain world. */
export async function seedCatalog(db: Database<typeof dbSchema>, scale: number): Promise<void> {
  const counts = seedCounts(scale);
  const procedures = range(counts.procedures).map((i) => seedProcedure(i, counts));
  await db.transaction(async (tx) => {
    await insertInChunks(range(counts.supplies).map(seedSupply), (rows) => tx.insert(dbSchema.supplies).values(rows));
    await insertInChunks(
      procedures.map(({ id, name }) => ({ id, name })),
      (rows) => tx.insert(dbSchema.procedures).values(rows),
    );
    await insertInChunks(
      procedures.flatMap(({ id, kit }) => kit.map((item, position) => ({ procedureId: id, position, ...item }))),
      (rows) => tx.insert(dbSchema.procedureKitItems).values(rows),
    );
  });
}

export async function isCatalogSeeded(db: Database<typeof dbSchema>): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(dbSchema.supplies);
  return (row?.n ?? 0) > 0;
}
