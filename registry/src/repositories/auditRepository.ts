import { and, desc, eq, gte, sql } from 'drizzle-orm';
import type { Executor } from '../db/openDatabase';
import { type AuditEntryRow, auditEntries, graphs } from '../db/schema';

/** What an audit entry records; the graph's id is looked up from its name as the entry is stored. */
export interface NewAuditEntry {
  graph: string | null;
  variant?: string | null;
  subgraph?: string | null;
  action: string;
  outcome: string;
  code?: string | null;
  message: string;
  tokenId: string | null;
  tokenName: string;
  details?: Record<string, unknown>;
}

/** Appends an audit entry, linked to its graph when the graph exists (so it is deleted with it). */
export async function insertAuditEntry(db: Executor, entry: NewAuditEntry): Promise<AuditEntryRow> {
  const graphId =
    entry.graph === null ? null : sql`(select ${graphs.id} from ${graphs} where ${graphs.name} = ${entry.graph})`;
  const [row] = await db
    .insert(auditEntries)
    .values({ ...entry, graphId, details: entry.details ?? {} })
    .returning();
  if (!row) throw new Error('Inserting an audit entry returned no row.');
  return row;
}

/** A graph's audit entries (or every entry when `graph` is null) since `since`, newest first. */
export async function listAuditEntries(
  db: Executor,
  query: { graph: string | null; since: Date; limit: number },
): Promise<AuditEntryRow[]> {
  return db
    .select()
    .from(auditEntries)
    .where(
      and(
        query.graph === null ? undefined : eq(auditEntries.graph, query.graph),
        gte(auditEntries.createdAt, query.since),
      ),
    )
    .orderBy(desc(auditEntries.createdAt), desc(auditEntries.id))
    .limit(query.limit);
}
