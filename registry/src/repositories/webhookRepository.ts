import { and, asc, desc, eq, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Executor, RegistryDatabase } from '../db/openDatabase';
import {
  checks,
  graphs,
  supergraphVersions,
  variants,
  type WebhookDeliveryAttemptRow,
  type WebhookDeliveryRow,
  webhookDeliveries,
  webhookDeliveryAttempts,
  webhooks,
} from '../db/schema';

/** A webhook as listed: everything but its secret. */
export interface WebhookSummary {
  id: string;
  graph: string;
  /** Null: every variant of the graph. */
  variant: string | null;
  url: string;
  events: string[];
  format: string;
  createdAt: Date;
}

const summaryColumns = {
  id: webhooks.id,
  graph: graphs.name,
  variant: variants.name,
  url: webhooks.url,
  events: webhooks.events,
  format: webhooks.format,
  createdAt: webhooks.createdAt,
};

/** Stores a webhook; answers it without its secret. */
export async function insertWebhook(
  db: Executor,
  input: {
    graphId: string;
    variantId: string | null;
    url: string;
    secret: string;
    events: string[];
    format: string;
  },
): Promise<{ id: string }> {
  const [row] = await db.insert(webhooks).values(input).returning({ id: webhooks.id });
  if (!row) throw new Error('Inserting a webhook returned no row.');
  return row;
}

/** How many webhooks a graph has. */
export async function countWebhooks(db: Executor, graphId: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(webhooks)
    .where(eq(webhooks.graphId, graphId));
  return row?.count ?? 0;
}

/** A graph's webhooks (those of one variant and the graph-wide ones, when `variantId` is given), oldest first. */
export async function listWebhooks(db: Executor, graphId: string, variantId?: string): Promise<WebhookSummary[]> {
  return db
    .select(summaryColumns)
    .from(webhooks)
    .innerJoin(graphs, eq(graphs.id, webhooks.graphId))
    .leftJoin(variants, eq(variants.id, webhooks.variantId))
    .where(
      and(
        eq(webhooks.graphId, graphId),
        variantId === undefined ? undefined : or(isNull(webhooks.variantId), eq(webhooks.variantId, variantId)),
      ),
    )
    .orderBy(asc(webhooks.createdAt), asc(webhooks.id));
}

/** One webhook of a graph, without its secret. */
export async function findWebhook(db: Executor, graphId: string, id: string): Promise<WebhookSummary | undefined> {
  const [row] = await db
    .select(summaryColumns)
    .from(webhooks)
    .innerJoin(graphs, eq(graphs.id, webhooks.graphId))
    .leftJoin(variants, eq(variants.id, webhooks.variantId))
    .where(and(eq(webhooks.graphId, graphId), eq(webhooks.id, id)));
  return row;
}

/** Deletes a webhook of a graph with its deliveries; whether it existed. */
export async function deleteWebhookRow(db: Executor, graphId: string, id: string): Promise<boolean> {
  const deleted = await db
    .delete(webhooks)
    .where(and(eq(webhooks.graphId, graphId), eq(webhooks.id, id)))
    .returning({ id: webhooks.id });
  return deleted.length > 0;
}

/** The webhooks of a variant's graph that cover the variant. */
function subscribers(variantId: string) {
  return and(
    eq(webhooks.graphId, sql`(select ${variants.graphId} from ${variants} where ${variants.id} = ${variantId})`),
    or(isNull(webhooks.variantId), eq(webhooks.variantId, variantId)),
  );
}

/**
 * Queues a delivery of a new supergraph version to every webhook of its variant subscribed to one of `events`,
 * inside the transaction that stores the version, so the event and its deliveries commit together. With no
 * webhook it costs one indexed read.
 */
export async function enqueueVersionDeliveries(
  tx: Executor,
  input: { variantId: string; supergraphVersionId: string; events: readonly string[] },
): Promise<void> {
  const targets = await tx
    .select({ id: webhooks.id, events: webhooks.events })
    .from(webhooks)
    .where(subscribers(input.variantId));
  const rows = targets.flatMap((target) =>
    input.events
      .filter((event) => target.events.includes(event))
      .map((event) => ({
        webhookId: target.id,
        event,
        supergraphVersionId: input.supergraphVersionId,
        variantId: input.variantId,
      })),
  );
  if (rows.length > 0) await tx.insert(webhookDeliveries).values(rows);
}

/** Queues a delivery of a stored check to every webhook of its variant subscribed to CHECK. */
export async function enqueueCheckDeliveries(
  tx: Executor,
  input: { variantId: string; checkId: string },
): Promise<void> {
  const targets = await tx
    .select({ id: webhooks.id, events: webhooks.events })
    .from(webhooks)
    .where(subscribers(input.variantId));
  const rows = targets
    .filter((target) => target.events.includes('CHECK'))
    .map((target) => ({ webhookId: target.id, event: 'CHECK', checkId: input.checkId, variantId: input.variantId }));
  if (rows.length > 0) await tx.insert(webhookDeliveries).values(rows);
}

/** Stores a TEST delivery, due only at `notBefore` (its caller sends it at once). */
export async function insertTestDelivery(
  db: Executor,
  input: { webhookId: string; variantId: string | null; notBefore: Date },
): Promise<WebhookDeliveryRow> {
  const [row] = await db
    .insert(webhookDeliveries)
    .values({ webhookId: input.webhookId, event: 'TEST', variantId: input.variantId, nextAttemptAt: input.notBefore })
    .returning();
  if (!row) throw new Error('Inserting a delivery returned no row.');
  return row;
}

/** A delivery claimed for sending, with where and how to send it. */
export interface ClaimedDelivery {
  delivery: WebhookDeliveryRow;
  url: string;
  secret: string;
  format: string;
  graph: string;
  variant: string | null;
}

/**
 * Claims up to `limit` PENDING deliveries due at `now`: locked with `for update skip locked`, so replicas polling
 * at once claim different rows, and leased until `leaseUntil` (their next due time), so a replica that dies
 * mid-send leaves them to be retried after the lease. The transaction holds no lock while anything is sent.
 */
export async function claimDueDeliveries(
  db: RegistryDatabase,
  input: { now: Date; leaseUntil: Date; limit: number; ids?: readonly string[] },
): Promise<ClaimedDelivery[]> {
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.status, 'PENDING'),
          lte(webhookDeliveries.nextAttemptAt, input.now),
          input.ids ? inArray(webhookDeliveries.id, [...input.ids]) : undefined,
        ),
      )
      .orderBy(asc(webhookDeliveries.nextAttemptAt))
      .limit(input.limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    const ids = due.map((row) => row.id);
    await tx
      .update(webhookDeliveries)
      .set({ nextAttemptAt: input.leaseUntil })
      .where(inArray(webhookDeliveries.id, ids));
    return ids;
  });
  if (claimed.length === 0) return [];
  return readDeliveries(db, claimed);
}

/** Deliveries by id with their webhook's URL, secret and format and their graph and variant names. */
export async function readDeliveries(db: Executor, ids: readonly string[]): Promise<ClaimedDelivery[]> {
  const rows = await db
    .select({
      delivery: webhookDeliveries,
      url: webhooks.url,
      secret: webhooks.secret,
      format: webhooks.format,
      graph: graphs.name,
      variant: variants.name,
    })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .innerJoin(graphs, eq(graphs.id, webhooks.graphId))
    .leftJoin(variants, eq(variants.id, webhookDeliveries.variantId))
    .where(inArray(webhookDeliveries.id, [...ids]));
  return rows;
}

/** Keeps the body a delivery's first attempt built, so its retries send the same bytes. */
export async function saveDeliveryBody(db: Executor, id: string, body: string): Promise<void> {
  await db.update(webhookDeliveries).set({ body }).where(eq(webhookDeliveries.id, id));
}

/** One attempt's record and the delivery's state after it, stored together. */
export async function recordDeliveryAttempt(
  db: RegistryDatabase,
  attempt: Omit<WebhookDeliveryAttemptRow, 'id'>,
  state: Pick<
    WebhookDeliveryRow,
    'status' | 'attempts' | 'nextAttemptAt' | 'lastStatusCode' | 'lastError' | 'completedAt'
  >,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(webhookDeliveryAttempts).values(attempt);
    await tx.update(webhookDeliveries).set(state).where(eq(webhookDeliveries.id, attempt.deliveryId));
  });
}

/** A webhook's deliveries, newest first, each with its attempts in order. */
export async function listDeliveries(
  db: Executor,
  webhookId: string,
  limit: number,
): Promise<{ delivery: WebhookDeliveryRow; version: number | null; attempts: WebhookDeliveryAttemptRow[] }[]> {
  const rows = await db
    .select({ delivery: webhookDeliveries, version: supergraphVersions.version })
    .from(webhookDeliveries)
    .leftJoin(supergraphVersions, eq(supergraphVersions.id, webhookDeliveries.supergraphVersionId))
    .where(eq(webhookDeliveries.webhookId, webhookId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
  if (rows.length === 0) return [];
  const attempts = await db
    .select()
    .from(webhookDeliveryAttempts)
    .where(
      inArray(
        webhookDeliveryAttempts.deliveryId,
        rows.map((row) => row.delivery.id),
      ),
    )
    .orderBy(asc(webhookDeliveryAttempts.attempt));
  return rows.map((row) => ({
    delivery: row.delivery,
    version: row.version,
    attempts: attempts.filter((attempt) => attempt.deliveryId === row.delivery.id),
  }));
}

/** Deletes finished (delivered or failed) deliveries created before `before`; answers how many. */
export async function pruneDeliveries(db: Executor, before: Date): Promise<number> {
  const deleted = await db
    .delete(webhookDeliveries)
    .where(and(ne(webhookDeliveries.status, 'PENDING'), lt(webhookDeliveries.createdAt, before)))
    .returning({ id: webhookDeliveries.id });
  return deleted.length;
}

/** The served version number of a variant at `at` (the newest created then), if any. */
export async function findVersionServedAt(db: Executor, variantId: string, at: Date): Promise<number | null> {
  const [row] = await db
    .select({ version: supergraphVersions.version })
    .from(supergraphVersions)
    .where(and(eq(supergraphVersions.variantId, variantId), lte(supergraphVersions.createdAt, at)))
    .orderBy(desc(supergraphVersions.version))
    .limit(1);
  return row?.version ?? null;
}

/** What a PUBLISH or DEPRECATION delivery needs of its version (not its SDL). */
export async function findVersionForDelivery(db: Executor, supergraphVersionId: string) {
  const [row] = await db
    .select({
      id: supergraphVersions.id,
      version: supergraphVersions.version,
      changelog: supergraphVersions.changelog,
      rolledBackFrom: supergraphVersions.rolledBackFrom,
      createdAt: supergraphVersions.createdAt,
    })
    .from(supergraphVersions)
    .where(eq(supergraphVersions.id, supergraphVersionId));
  return row;
}

/** The stored check a CHECK delivery tells about. */
export async function findCheckForDelivery(db: Executor, checkId: string) {
  const [row] = await db.select().from(checks).where(eq(checks.id, checkId));
  return row;
}
