import { domainSeed } from '@switchyard/demo-domain';
import type { Database } from '@switchyard/subgraph-kit';
import { sql } from 'drizzle-orm';
import * as dbSchema from './schema';

const { insertInChunks, range, seedClinic, seedCounts, seedUser } = domainSeed;

/** Seeds the clinics and their users of the deterministic domain world. */
export async function seedAccounts(db: Database<typeof dbSchema>, scale: number): Promise<void> {
  const counts = seedCounts(scale);
  await db.transaction(async (tx) => {
    await insertInChunks(range(counts.clinics).map(seedClinic), (rows) => tx.insert(dbSchema.clinics).values(rows));
    await insertInChunks(
      range(counts.clinics * counts.usersPerClinic).map((i) => seedUser(i, counts)),
      (rows) => tx.insert(dbSchema.users).values(rows),
    );
  });
}

export async function isAccountsSeeded(db: Database<typeof dbSchema>): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(dbSchema.clinics);
  return (row?.n ?? 0) > 0;
}
