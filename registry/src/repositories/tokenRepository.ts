import { asc, count, eq } from 'drizzle-orm';
import type { Executor } from '../db/openDatabase';
import { type TokenRow, tokens } from '../db/schema';

/** Stores a token by the hash of its secret. */
export async function insertToken(
  db: Executor,
  input: { name: string; tokenHash: string; scope: string; graph: string | null; subgraphs: string[] },
): Promise<TokenRow> {
  const [row] = await db.insert(tokens).values(input).returning();
  if (!row) throw new Error('Inserting a token returned no row.');
  return row;
}

/** Stores a token unless one with the same hash exists. */
export async function insertTokenIfMissing(
  db: Executor,
  input: { name: string; tokenHash: string; scope: string; graph: string | null; subgraphs: string[] },
): Promise<void> {
  await db.insert(tokens).values(input).onConflictDoNothing({ target: tokens.tokenHash });
}

/** The token whose secret hashes to `tokenHash`, revoked or not. */
export async function findTokenByHash(db: Executor, tokenHash: string): Promise<TokenRow | undefined> {
  const [row] = await db.select().from(tokens).where(eq(tokens.tokenHash, tokenHash)).limit(1);
  return row;
}

/** Every token, oldest first. */
export async function listTokens(db: Executor): Promise<TokenRow[]> {
  return db.select().from(tokens).orderBy(asc(tokens.createdAt), asc(tokens.id));
}

/** How many tokens exist, revoked ones included. */
export async function countTokens(db: Executor): Promise<number> {
  const [row] = await db.select({ value: count() }).from(tokens);
  return row?.value ?? 0;
}

/** Marks a token revoked (keeping the first revocation time); `undefined` when no such token exists. */
export async function revokeToken(db: Executor, id: string, at: Date): Promise<TokenRow | undefined> {
  const [existing] = await db.select().from(tokens).where(eq(tokens.id, id)).limit(1);
  if (!existing) return undefined;
  if (existing.revokedAt) return existing;
  const [row] = await db.update(tokens).set({ revokedAt: at }).where(eq(tokens.id, id)).returning();
  return row;
}

/** Records that a token was used. */
export async function touchToken(db: Executor, id: string, at: Date): Promise<void> {
  await db.update(tokens).set({ lastUsedAt: at }).where(eq(tokens.id, id));
}
