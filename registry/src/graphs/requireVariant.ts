import type { Executor } from '../db/openDatabase';
import { ErrorCode, SwitchyardError } from '../errors';
import { findGraph, findVariant, type VariantRef } from '../repositories/graphRepository';

/** The error for a graph that does not exist: `GRAPH_NOT_FOUND`, saying how graphs come into being. */
export function graphNotFound(graph: string): SwitchyardError {
  return new SwitchyardError(
    ErrorCode.GRAPH_NOT_FOUND,
    `Graph "${graph}" does not exist; create it with \`switchyard graph create --graph ${graph}\` or publish with --create (ADMIN token).`,
    { graph },
  );
}

/** The error for a variant its graph does not have: `VARIANT_NOT_FOUND`. */
export function variantNotFound(graph: string, variant: string): SwitchyardError {
  return new SwitchyardError(
    ErrorCode.VARIANT_NOT_FOUND,
    `Graph "${graph}" has no variant "${variant}"; create it with \`switchyard graph create --graph ${graph} --variant ${variant}\` or publish with --create (ADMIN token).`,
    { graph, variant },
  );
}

/**
 * The variant `graph@variant`; throws `GRAPH_NOT_FOUND` or `VARIANT_NOT_FOUND` (404), naming what is missing, when
 * it does not exist. Nothing is created.
 */
export async function requireVariant(db: Executor, graph: string, variant: string): Promise<VariantRef> {
  const found = await findVariant(db, graph, variant);
  if (found) return found;
  throw await missingVariantError(db, graph, variant);
}

/** `GRAPH_NOT_FOUND` when the graph is missing, else `VARIANT_NOT_FOUND`: for a variant found missing. */
export async function missingVariantError(db: Executor, graph: string, variant: string): Promise<SwitchyardError> {
  return (await findGraph(db, graph)) ? variantNotFound(graph, variant) : graphNotFound(graph);
}
