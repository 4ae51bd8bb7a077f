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
