import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/openDatabase';
import { graphs, tokens, variants } from '../db/schema';

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

/** The graph named `name`, if it exists. */
export async function findGraph(db: Executor, name: string): Promise<{ id: string; name: string } | undefined> {
  const [row] = await db.select({ id: graphs.id, name: graphs.name }).from(graphs).where(eq(graphs.name, name));
  return row;
}

/** Whether the variant with this id still exists (a graph or variant deletion may have removed it). */
export async function variantExists(db: Executor, variantId: string): Promise<boolean> {
  const [row] = await db.select({ id: variants.id }).from(variants).where(eq(variants.id, variantId));
  return row !== undefined;
}

/**
 * Finds a graph's variant, creating the graph and the variant when missing; safe under concurrent calls. Says
 * which of the two it created.
 */
export async function ensureVariantCreated(
  db: Executor,
  graph: string,
  variant: string,
): Promise<VariantRef & { createdGraph: boolean; createdVariant: boolean }> {
  const existing = await findVariant(db, graph, variant);
  if (existing) return { ...existing, createdGraph: false, createdVariant: false };
  const insertedGraph = await db
    .insert(graphs)
    .values({ name: graph })
    .onConflictDoNothing({ target: graphs.name })
    .returning({ id: graphs.id });
  const [graphRow] = await db.select({ id: graphs.id }).from(graphs).where(eq(graphs.name, graph));
  if (!graphRow) throw new Error(`Graph ${graph} vanished while it was being created.`);
  const insertedVariant = await db
    .insert(variants)
    .values({ graphId: graphRow.id, name: variant })
    .onConflictDoNothing({ target: [variants.graphId, variants.name] })
    .returning({ id: variants.id });
  const created = await findVariant(db, graph, variant);
  if (!created) throw new Error(`Variant ${graph}@${variant} vanished while it was being created.`);
  return { ...created, createdGraph: insertedGraph.length > 0, createdVariant: insertedVariant.length > 0 };
}

/**
 * Deletes a graph with everything of it: its variants cascade to subgraphs, versions, checks and usage; its tokens
 * name the graph without a foreign key (a token may be made before its graph), so they are deleted here. Returns
 * how many tokens went, or `undefined` when there is no such graph.
 */
export async function deleteGraphRow(db: Executor, name: string): Promise<{ tokens: number } | undefined> {
  const deleted = await db.delete(graphs).where(eq(graphs.name, name)).returning({ id: graphs.id });
  if (deleted.length === 0) return undefined;
  const deletedTokens = await db.delete(tokens).where(eq(tokens.graph, name)).returning({ id: tokens.id });
  return { tokens: deletedTokens.length };
}

/** Deletes one variant of a graph (cascading to its subgraphs, versions, checks and usage); false when missing. */
export async function deleteVariantRow(db: Executor, variantId: string): Promise<boolean> {
  const deleted = await db.delete(variants).where(eq(variants.id, variantId)).returning({ id: variants.id });
  return deleted.length > 0;
}

/** The ids of a graph's variants. */
export async function listVariantIds(db: Executor, graphId: string): Promise<string[]> {
  const rows = await db.select({ id: variants.id }).from(variants).where(eq(variants.graphId, graphId));
  return rows.map((row) => row.id);
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
