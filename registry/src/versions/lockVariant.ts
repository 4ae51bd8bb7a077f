import { sql } from 'drizzle-orm';
import type { Executor } from '../db/openDatabase';

/**
 * Takes the variant's transaction-scoped advisory lock: every change to a variant's supergraph runs after the
 * previous one committed, so versions stay consecutive and no publish is lost. Works on PGlite too.
 */
export async function lockVariant(tx: Executor, variantId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${variantId}))`);
}
