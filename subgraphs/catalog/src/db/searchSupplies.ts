import type { Database } from '@switchyard/subgraph-kit';
import { and, asc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type * as dbSchema from './schema';
import { type SupplyRow, supplies } from './schema';

export interface SupplySearch {
  /** Case-insensitive text looked for anywhere in the name or the SKU; no filter when empty. */
  query?: string | null;
  /** Only supplies of this category when set. */
  category?: string | null;
  /** Rows to return; the caller has already bounded it. */
  limit: number;
  /** Keyset position `(name, id)` to continue after. */
  after?: { name: string; id: string } | null;
}

/** Escapes LIKE wildcards so that a user's `%` or `_` matches itself. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/**
 * One page of supplies matching a search, ordered by (name, id), with the number of matches in all — in ONE
 * statement: the page walks `supplies_name_id_idx` (or the category index) from the keyset position, and a scalar
 * subquery counts the matches.
 */
export async function searchSupplies(
  db: Database<typeof dbSchema>,
  search: SupplySearch,
): Promise<{ rows: SupplyRow[]; totalCount: number }> {
  const conditions: SQL[] = [];
  const text = search.query?.trim();
  if (text) {
    const pattern = `%${escapeLike(text)}%`;
    const match = or(ilike(supplies.name, pattern), ilike(supplies.sku, pattern));
    if (match) conditions.push(match);
  }
  if (search.category) conditions.push(eq(supplies.category, search.category));
  const filter = conditions.length > 0 ? and(...conditions) : undefined;
  const keyset = search.after
    ? sql`(${supplies.name}, ${supplies.id}) > (${search.after.name}, ${search.after.id})`
    : undefined;
  const rows = await db
    .select({
      supply: supplies,
      totalCount: sql<number>`(select count(*) from ${supplies}${filter ? sql` where ${filter}` : sql``})`.mapWith(
        Number,
      ),
    })
    .from(supplies)
    .where(and(filter, keyset))
    .orderBy(asc(supplies.name), asc(supplies.id))
    .limit(search.limit);
  if (rows[0]) return { rows: rows.map((row) => row.supply), totalCount: rows[0].totalCount };
  if (!keyset) return { rows: [], totalCount: 0 };
  // Past the last match the page has no row to carry the count; only then is it a statement of its own.
  const [count] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(supplies)
    .where(filter);
  return { rows: [], totalCount: count?.n ?? 0 };
}
