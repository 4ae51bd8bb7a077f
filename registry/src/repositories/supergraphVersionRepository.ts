import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { SchemaChange } from '../changes/types';
import type { Executor } from '../db/openDatabase';
import {
  graphs,
  type SupergraphVersionRow,
  schemaChanges,
  subgraphs,
  subgraphVersions,
  supergraphVersionSubgraphs,
  supergraphVersions,
  variants,
} from '../db/schema';

/** A subgraph version as composed into a supergraph version, with the subgraph's name and owner. */
export interface LinkedSubgraphVersion {
  id: string;
  subgraphId: string;
  subgraph: string;
  owner: string | null;
  url: string;
  sdl: string;
  hash: string;
  author: string | null;
  commit: string | null;
  createdAt: Date;
}

/** The newest supergraph version of a variant: the one gateways are served. */
export async function findLatestSupergraphVersion(
  db: Executor,
  variantId: string,
): Promise<SupergraphVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(supergraphVersions)
    .where(eq(supergraphVersions.variantId, variantId))
    .orderBy(desc(supergraphVersions.version))
    .limit(1);
  return row;
}

/**
 * The number and hash of a variant's newest supergraph version, by graph and variant name, in one statement: all
 * a gateway poll needs to answer 304.
 */
export async function findServedVersionHead(
  db: Executor,
  graph: string,
  variant: string,
): Promise<{ id: string; version: number; hash: string } | undefined> {
  const [row] = await db
    .select({ id: supergraphVersions.id, version: supergraphVersions.version, hash: supergraphVersions.hash })
    .from(supergraphVersions)
    .innerJoin(variants, eq(variants.id, supergraphVersions.variantId))
    .innerJoin(graphs, eq(graphs.id, variants.graphId))
    .where(and(eq(graphs.name, graph), eq(variants.name, variant)))
    .orderBy(desc(supergraphVersions.version))
    .limit(1);
  return row;
}

/** The supergraph SDL of one version. */
export async function findSupergraphSdl(db: Executor, supergraphVersionId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ sdl: supergraphVersions.supergraphSdl })
    .from(supergraphVersions)
    .where(eq(supergraphVersions.id, supergraphVersionId));
  return row?.sdl;
}

/** A variant's supergraph version by number. */
export async function findSupergraphVersion(
  db: Executor,
  variantId: string,
  version: number,
): Promise<SupergraphVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(supergraphVersions)
    .where(and(eq(supergraphVersions.variantId, variantId), eq(supergraphVersions.version, version)))
    .limit(1);
  return row;
}

/** A variant's supergraph versions, newest first. */
export async function listSupergraphVersions(
  db: Executor,
  variantId: string,
  limit: number,
): Promise<SupergraphVersionRow[]> {
  return db
    .select()
    .from(supergraphVersions)
    .where(eq(supergraphVersions.variantId, variantId))
    .orderBy(desc(supergraphVersions.version))
    .limit(limit);
}

/** The exact subgraph versions a supergraph version was composed from, by subgraph name. */
export async function findLinkedSubgraphVersions(
  db: Executor,
  supergraphVersionId: string,
): Promise<LinkedSubgraphVersion[]> {
  return db
    .select({
      id: subgraphVersions.id,
      subgraphId: subgraphs.id,
      subgraph: subgraphs.name,
      owner: subgraphs.owner,
      url: subgraphVersions.routingUrl,
      sdl: subgraphVersions.sdl,
      hash: subgraphVersions.hash,
      author: subgraphVersions.author,
      commit: subgraphVersions.commit,
      createdAt: subgraphVersions.createdAt,
    })
    .from(supergraphVersionSubgraphs)
    .innerJoin(subgraphVersions, eq(subgraphVersions.id, supergraphVersionSubgraphs.subgraphVersionId))
    .innerJoin(subgraphs, eq(subgraphs.id, subgraphVersions.subgraphId))
    .where(eq(supergraphVersionSubgraphs.supergraphVersionId, supergraphVersionId))
    .orderBy(asc(subgraphs.name));
}

/** Hash and routing URL of one subgraph's version in a supergraph version, without reading any SDL. */
export async function findLinkedSubgraphHash(
  db: Executor,
  supergraphVersionId: string,
  subgraph: string,
): Promise<{ hash: string; url: string } | undefined> {
  const [row] = await db
    .select({ hash: subgraphVersions.hash, url: subgraphVersions.routingUrl })
    .from(supergraphVersionSubgraphs)
    .innerJoin(subgraphVersions, eq(subgraphVersions.id, supergraphVersionSubgraphs.subgraphVersionId))
    .innerJoin(subgraphs, eq(subgraphs.id, subgraphVersions.subgraphId))
    .where(and(eq(supergraphVersionSubgraphs.supergraphVersionId, supergraphVersionId), eq(subgraphs.name, subgraph)))
    .limit(1);
  return row;
}

/** The schema changes stored with supergraph versions, grouped by version id, in diff order. */
export async function findSchemaChangesOf(
  db: Executor,
  supergraphVersionIds: readonly string[],
): Promise<Map<string, SchemaChange[]>> {
  const grouped = new Map<string, SchemaChange[]>(supergraphVersionIds.map((id) => [id, []]));
  if (supergraphVersionIds.length === 0) return grouped;
  const rows = await db
    .select()
    .from(schemaChanges)
    .where(inArray(schemaChanges.supergraphVersionId, [...supergraphVersionIds]))
    .orderBy(asc(schemaChanges.supergraphVersionId), asc(schemaChanges.position));
  for (const row of rows) {
    grouped.get(row.supergraphVersionId)?.push({
      id: row.changeId,
      type: row.type,
      criticality: row.criticality as SchemaChange['criticality'],
      coordinate: row.coordinate,
      message: row.message,
    });
  }
  return grouped;
}

/** Everything one new supergraph version consists of. */
export interface NewSupergraphVersion {
  variantId: string;
  version: number;
  supergraphSdl: string;
  apiSdl: string;
  hash: string;
  changelog: string;
  rolledBackFrom: number | null;
  createdAt: Date;
  subgraphVersionIds: string[];
  changes: SchemaChange[];
}

/** Stores a supergraph version with its subgraph links and schema changes; call inside the publish transaction. */
export async function insertSupergraphVersion(
  db: Executor,
  input: NewSupergraphVersion,
): Promise<SupergraphVersionRow> {
  const [row] = await db
    .insert(supergraphVersions)
    .values({
      variantId: input.variantId,
      version: input.version,
      supergraphSdl: input.supergraphSdl,
      apiSdl: input.apiSdl,
      hash: input.hash,
      changelog: input.changelog,
      rolledBackFrom: input.rolledBackFrom,
      createdAt: input.createdAt,
    })
    .returning();
  if (!row) throw new Error('Inserting a supergraph version returned no row.');
  if (input.subgraphVersionIds.length > 0) {
    await db
      .insert(supergraphVersionSubgraphs)
      .values(
        input.subgraphVersionIds.map((subgraphVersionId) => ({ supergraphVersionId: row.id, subgraphVersionId })),
      );
  }
  const changes = input.changes.map((change, position) => ({
    supergraphVersionId: row.id,
    position,
    changeId: change.id,
    type: change.type,
    criticality: change.criticality,
    coordinate: change.coordinate,
    message: change.message,
  }));
  // PostgreSQL binds at most 65,535 parameters per statement (7 per change): a 10,000-type subgraph adds 30,000.
  for (let start = 0; start < changes.length; start += CHANGES_PER_INSERT) {
    await db.insert(schemaChanges).values(changes.slice(start, start + CHANGES_PER_INSERT));
  }
  return row;
}

/** Changes stored per INSERT: 7 parameters each, well under PostgreSQL's 65,535 per statement. */
const CHANGES_PER_INSERT = 5_000;

/**
 * The subgraph versions a supergraph version brought in: those linked to it and not to the variant's previous
 * version (the published subgraph, with its author and commit; every subgraph of version 1). Empty for a rollback,
 * which brings back earlier versions rather than publishing any.
 */
export async function findIntroducedSubgraphVersions(
  db: Executor,
  version: Pick<SupergraphVersionRow, 'id' | 'variantId' | 'version' | 'rolledBackFrom'>,
): Promise<LinkedSubgraphVersion[]> {
  if (version.rolledBackFrom !== null) return [];
  const linked = await findLinkedSubgraphVersions(db, version.id);
  const previous = await db
    .select({ subgraphVersionId: supergraphVersionSubgraphs.subgraphVersionId })
    .from(supergraphVersionSubgraphs)
    .innerJoin(supergraphVersions, eq(supergraphVersions.id, supergraphVersionSubgraphs.supergraphVersionId))
    .where(
      and(eq(supergraphVersions.variantId, version.variantId), eq(supergraphVersions.version, version.version - 1)),
    );
  const before = new Set(previous.map((row) => row.subgraphVersionId));
  return linked.filter((subgraph) => !before.has(subgraph.id));
}

/**
 * The newest version of a variant whose changes deprecated `coordinate` (FIELD_DEPRECATION_ADDED), or else added it
 * or its type (an element deprecated from the start): its number and time. Undefined when no stored change names it.
 */
export async function findDeprecationVersion(
  db: Executor,
  variantId: string,
  coordinate: string,
): Promise<{ version: number; createdAt: Date } | undefined> {
  const rows = await db
    .select({
      version: supergraphVersions.version,
      createdAt: supergraphVersions.createdAt,
      type: schemaChanges.type,
      coordinate: schemaChanges.coordinate,
    })
    .from(schemaChanges)
    .innerJoin(supergraphVersions, eq(supergraphVersions.id, schemaChanges.supergraphVersionId))
    .where(
      and(
        eq(supergraphVersions.variantId, variantId),
        inArray(schemaChanges.coordinate, [coordinate, coordinate.split('.')[0] ?? coordinate]),
        inArray(schemaChanges.type, ['FIELD_DEPRECATION_ADDED', ...addedChangeTypes]),
      ),
    )
    .orderBy(desc(supergraphVersions.version));
  const found = rows.find((row) => row.type === 'FIELD_DEPRECATION_ADDED' && row.coordinate === coordinate) ?? rows[0];
  return found ? { version: found.version, createdAt: found.createdAt } : undefined;
}

const addedChangeTypes = ['TYPE_ADDED', 'FIELD_ADDED', 'FIELD_ARGUMENT_ADDED', 'INPUT_FIELD_ADDED', 'ENUM_VALUE_ADDED'];
