import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../db/openDatabase';
import { type CheckRow, checks, type StoredCheckResult } from '../db/schema';

/** Stores the outcome of a schema check. */
export async function insertCheck(
  db: Executor,
  input: { variantId: string; subgraphName: string; sdlHash: string; ok: boolean; result: StoredCheckResult },
): Promise<CheckRow> {
  const [row] = await db.insert(checks).values(input).returning();
  if (!row) throw new Error('Inserting a check returned no row.');
  return row;
}

/** A variant's checks, newest first: of one subgraph when `subgraph` is given. */
export async function listChecks(
  db: Executor,
  variantId: string,
  options: { subgraph?: string; limit: number },
): Promise<CheckRow[]> {
  const subgraph = options.subgraph === undefined ? undefined : eq(checks.subgraphName, options.subgraph);
  return db
    .select()
    .from(checks)
    .where(and(eq(checks.variantId, variantId), subgraph))
    .orderBy(desc(checks.createdAt), desc(checks.id))
    .limit(options.limit);
}
