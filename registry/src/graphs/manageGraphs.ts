import type { RegistryDatabase } from '../db/openDatabase';
import { ErrorCode, SwitchyardError } from '../errors';
import {
  deleteGraphRow,
  deleteVariantRow,
  ensureVariantCreated,
  findGraph,
  listGraphs,
  listVariantIds,
} from '../repositories/graphRepository';
import { lockVariant } from '../versions/lockVariant';
import { graphNotFound, requireVariant } from './requireVariant';

/** A graph and its variant names, as the API lists them. */
export interface GraphSummary {
  name: string;
  variants: string[];
}

/**
 * Creates graph `graph` with variant `variant`, or only the variant when the graph exists. Throws
 * `ALREADY_EXISTS` when both exist. The caller checks that the token is ADMIN.
 */
export async function createGraph(
  db: RegistryDatabase,
  input: { graph: string; variant: string },
): Promise<{ graph: GraphSummary; createdGraph: boolean }> {
  const created = await ensureVariantCreated(db, input.graph, input.variant);
  if (!created.createdVariant) {
    throw new SwitchyardError(
      ErrorCode.ALREADY_EXISTS,
      `Graph "${input.graph}" already has variant "${input.variant}".`,
      { graph: input.graph, variant: input.variant },
    );
  }
  return { graph: await summarise(db, input.graph), createdGraph: created.createdGraph };
}

/**
 * Deletes a graph and everything of it: variants, subgraphs, subgraph and supergraph versions, checks, usage,
 * tokens bound to it and its audit entries. Waits for publishes in flight (each variant's lock) first. Throws
 * `GRAPH_NOT_FOUND`. Returns what was deleted.
 */
export async function deleteGraph(
  db: RegistryDatabase,
  input: { graph: string },
): Promise<{ graph: GraphSummary; tokens: number }> {
  const graph = await findGraph(db, input.graph);
  if (!graph) throw graphNotFound(input.graph);
  const summary = await summarise(db, input.graph);
  return db.transaction(async (tx) => {
    for (const variantId of await listVariantIds(tx, graph.id)) await lockVariant(tx, variantId);
    const deleted = await deleteGraphRow(tx, input.graph);
    if (!deleted) throw graphNotFound(input.graph);
    return { graph: summary, tokens: deleted.tokens };
  });
}

/**
 * Deletes one variant of a graph with its subgraphs, versions, checks and usage; the graph and its tokens stay.
 * Throws `GRAPH_NOT_FOUND` or `VARIANT_NOT_FOUND`.
 */
export async function deleteVariant(
  db: RegistryDatabase,
  input: { graph: string; variant: string },
): Promise<{ graph: GraphSummary }> {
  const variant = await requireVariant(db, input.graph, input.variant);
  await db.transaction(async (tx) => {
    await lockVariant(tx, variant.variantId);
    await deleteVariantRow(tx, variant.variantId);
  });
  return { graph: await summarise(db, input.graph) };
}

async function summarise(db: RegistryDatabase, graph: string): Promise<GraphSummary> {
  const [summary] = await listGraphs(db, graph);
  return summary ?? { name: graph, variants: [] };
}
