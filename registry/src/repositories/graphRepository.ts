import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/openDatabase';
import { graphs, variants } from '../db/schema';

/** A variant with the name of its graph. */
export interface VariantRef {
  graphId: string;
  variantId: string;
  graph: string;
  variant: string;
}

/** Finds a graph's variant by names. */
export async function findVariant(db: Executor, graph: string, variant: string): Promise<VariantRef | undefined> {
  const [row] = await db
    .select({ graphId: graphs.id, variantId: variants.id })
    .from(variants)
    .innerJoin(graphs, eq(graphs.id, variants.graphId))
    .where(and(eq(graphs.name, graph), eq(variants.name, variant)))
    .limit(1);
  return row ? { ...row, graph, variant } : undefined;
}

/** Finds a graph's variant, creating the graph and the variant when missing; safe under concurrent calls. */
export async function ensureVariant(db: Executor, graph: string, variant: string): Promise<VariantRef> {
  const existing = await findVariant(db, graph, variant);
  if (existing) return existing;
  await db.insert(graphs).values({ name: graph }).onConflictDoNothing({ target: graphs.name });
  const [graphRow] = await db.select({ id: graphs.id }).from(graphs).where(eq(graphs.name, graph));
  if (!graphRow) throw new Error(`Graph ${graph} vanished while it was being created.`);
  await db
    .insert(variants)
    .values({ graphId: graphRow.id, name: variant })
    .onConflictDoNothing({ target: [variants.graphId, variants.name] });
  const created = await findVariant(db, graph, variant);
  if (!created) throw new Error(`Variant ${graph}@${variant} vanished while it was being created.`);
  return created;
}

/** Graphs with their variant names, sorted by name; only `graph` when given (a token bound to one graph). */
export async function listGraphs(db: Executor, only?: string): Promise<{ name: string; variants: string[] }[]> {
  const rows = await db
    .select({ graph: graphs.name, variant: variants.name })
    .from(graphs)
    .leftJoin(variants, eq(variants.graphId, graphs.id))
    .where(only === undefined ? undefined : eq(graphs.name, only))
    .orderBy(graphs.name, variants.name);
  const byName = new Map<string, string[]>();
  for (const row of rows) {
    const list = byName.get(row.graph) ?? [];
    if (row.variant !== null) list.push(row.variant);
    byName.set(row.graph, list);
  }
  return [...byName].map(([name, variantNames]) => ({ name, variants: variantNames }));
}
