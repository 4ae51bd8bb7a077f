import type { Database } from '@switchyard/subgraph-kit';
import { asc, gt, sql } from 'drizzle-orm';
import type * as dbSchema from './schema';
import { type ProcedureRow, procedures } from './schema';

/**
 * Procedures ordered by id after the keyset position `after`, with the number of procedures in all, in one
 * statement (the page walks the primary key; a scalar subquery counts).
 */
export async function listProcedures(
  db: Database<typeof dbSchema>,
  { limit, after }: { limit: number; after?: string | null },
): Promise<{ rows: ProcedureRow[]; totalCount: number }> {
  const rows = await db
    .select({ procedure: procedures, totalCount: sql<number>`(select count(*) from ${procedures})`.mapWith(Number) })
    .from(procedures)
    .where(after ? gt(procedures.id, after) : undefined)
    .orderBy(asc(procedures.id))
    .limit(limit);
  if (rows[0]) return { rows: rows.map((row) => row.procedure), totalCount: rows[0].totalCount };
  if (!after) return { rows: [], totalCount: 0 };
  const [count] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(procedures);
  return { rows: [], totalCount: count?.n ?? 0 };
}
