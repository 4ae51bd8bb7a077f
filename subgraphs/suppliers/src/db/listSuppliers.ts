import type { Database } from '@switchyard/subgraph-kit';
import { asc, gt, sql } from 'drizzle-orm';
import type * as dbSchema from './schema';
import { type SupplierRow, suppliers } from './schema';

/**
 * Suppliers ordered by id after the keyset position `after`, with the number of suppliers in all, in one
 * statement (the page walks the primary key; a scalar subquery counts).
 */
export async function listSuppliers(
  db: Database<typeof dbSchema>,
  { limit, after }: { limit: number; after?: string | null },
): Promise<{ rows: SupplierRow[]; totalCount: number }> {
  const rows = await db
    .select({ supplier: suppliers, totalCount: sql<number>`(select count(*) from ${suppliers})`.mapWith(Number) })
    .from(suppliers)
    .where(after ? gt(suppliers.id, after) : undefined)
    .orderBy(asc(suppliers.id))
    .limit(limit);
  if (rows[0]) return { rows: rows.map((row) => row.supplier), totalCount: rows[0].totalCount };
  if (!after) return { rows: [], totalCount: 0 };
  // Past the last supplier the page has no row to carry the count; only then is it a statement of its own.
  const [count] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(suppliers);
  return { rows: [], totalCount: count?.n ?? 0 };
}
