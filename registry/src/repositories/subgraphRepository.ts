import { sql } from 'drizzle-orm';
import type { Executor } from '../db/openDatabase';
import { type SubgraphRow, type SubgraphVersionRow, subgraphs, subgraphVersions } from '../db/schema';

/** Creates the subgraph or updates its routing URL (and owner, when given). */
export async function upsertSubgraph(
  db: Executor,
  input: { variantId: string; name: string; routingUrl: string; owner?: string | null },
): Promise<SubgraphRow> {
  const [row] = await db
    .insert(subgraphs)
    .values({ variantId: input.variantId, name: input.name, routingUrl: input.routingUrl, owner: input.owner ?? null })
    .onConflictDoUpdate({
      target: [subgraphs.variantId, subgraphs.name],
      set: { routingUrl: input.routingUrl, owner: sql`coalesce(excluded.owner, ${subgraphs.owner})` },
    })
    .returning();
  if (!row) throw new Error(`Upserting subgraph ${input.name} returned no row.`);
  return row;
}

/** Stores a new, immutable version of a subgraph's SDL. */
export async function insertSubgraphVersion(
  db: Executor,
  input: {
    subgraphId: string;
    routingUrl: string;
    sdl: string;
    hash: string;
    author?: string | null;
    commit?: string | null;
    createdAt: Date;
  },
): Promise<SubgraphVersionRow> {
  const [row] = await db
    .insert(subgraphVersions)
    .values({ ...input, author: input.author ?? null, commit: input.commit ?? null })
    .returning();
  if (!row) throw new Error('Inserting a subgraph version returned no row.');
  return row;
}
