import { and, asc, eq, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/openDatabase';
import { type ContractRow, contracts, graphs, variants } from '../db/schema';

/** A contract with its variant's and its source's names. */
export interface ContractSummary {
  id: string;
  graph: string;
  variant: string;
  variantId: string;
  source: string;
  sourceVariantId: string;
  includeTags: string[];
  excludeTags: string[];
  createdAt: Date;
}

const sources = alias(variants, 'source_variants');

function summaries(db: Executor) {
  return db
    .select({
      id: contracts.id,
      graph: graphs.name,
      variant: variants.name,
      variantId: contracts.variantId,
      source: sources.name,
      sourceVariantId: contracts.sourceVariantId,
      includeTags: contracts.includeTags,
      excludeTags: contracts.excludeTags,
      createdAt: contracts.createdAt,
    })
    .from(contracts)
    .innerJoin(variants, eq(variants.id, contracts.variantId))
    .innerJoin(sources, eq(sources.id, contracts.sourceVariantId))
    .innerJoin(graphs, eq(graphs.id, variants.graphId));
}

/** Stores a contract. */
export async function insertContract(
  db: Executor,
  input: Pick<ContractRow, 'variantId' | 'sourceVariantId' | 'includeTags' | 'excludeTags'>,
): Promise<void> {
  await db.insert(contracts).values(input);
}

/** The contracts made from a source variant. */
export async function listContractsOfSource(db: Executor, sourceVariantId: string): Promise<ContractSummary[]> {
  return summaries(db).where(eq(contracts.sourceVariantId, sourceVariantId)).orderBy(asc(variants.name));
}

/** A graph's contracts. */
export async function listContractsOfGraph(db: Executor, graphId: string): Promise<ContractSummary[]> {
  return summaries(db).where(eq(variants.graphId, graphId)).orderBy(asc(variants.name));
}

/** The contract a variant is, or the one it is the source of (whichever the variant takes part in), if any. */
export async function findContractInvolving(db: Executor, variantId: string): Promise<ContractSummary | undefined> {
  const [row] = await summaries(db)
    .where(or(eq(contracts.variantId, variantId), eq(contracts.sourceVariantId, variantId)))
    .limit(1);
  return row;
}

/** The contract a variant is, if it is one. */
export async function findContractOfVariant(db: Executor, variantId: string): Promise<ContractSummary | undefined> {
  const [row] = await summaries(db).where(eq(contracts.variantId, variantId)).limit(1);
  return row;
}

/** Deletes a contract definition (its variant and versions stay); whether it existed. */
export async function deleteContractRow(db: Executor, variantId: string): Promise<boolean> {
  const deleted = await db
    .delete(contracts)
    .where(and(eq(contracts.variantId, variantId)))
    .returning({ id: contracts.id });
  return deleted.length > 0;
}
