import { and, asc, eq, sql } from 'drizzle-orm';
import { columnsOf, qualified } from '../db/columnNames';
import type { Executor } from '../db/openDatabase';
import { type SlaTargetRow, slaTargets } from '../db/schema/slaTargets';
import { usageOperations } from '../db/schema/usage';
import { rowsOf, toIso, toNumber } from '../db/sqlValues';
import { LATENCY_HISTOGRAM_SIZE } from '../usage/contract';
import { type CountRange, operationHistogramPeriods } from './usageCountSources';

/** A target as stored: `clientName` and `operationName` are `''` for every client or operation. */
export type StoredSlaTarget = Omit<SlaTargetRow, 'variantId'>;

/** Sets the target of (variant, client, operation), replacing the one there; answers it as stored. */
export async function upsertSlaTarget(
  db: Executor,
  variantId: string,
  target: StoredSlaTarget,
): Promise<StoredSlaTarget> {
  const [row] = await db
    .insert(slaTargets)
    .values({ variantId, ...target })
    .onConflictDoUpdate({
      target: [slaTargets.variantId, slaTargets.clientName, slaTargets.operationName],
      set: {
        latencyPercentile: target.latencyPercentile,
        latencyMs: target.latencyMs,
        errorRate: target.errorRate,
        updatedAt: target.updatedAt,
        updatedBy: target.updatedBy,
      },
    })
    .returning();
  const { variantId: _variant, ...stored } = row ?? { variantId, ...target };
  return stored;
}

/** Deletes the target of (variant, client, operation); false when there was none. */
export async function deleteSlaTarget(
  db: Executor,
  variantId: string,
  key: { clientName: string; operationName: string },
): Promise<boolean> {
  const deleted = await db
    .delete(slaTargets)
    .where(
      and(
        eq(slaTargets.variantId, variantId),
        eq(slaTargets.clientName, key.clientName),
        eq(slaTargets.operationName, key.operationName),
      ),
    )
    .returning({ variantId: slaTargets.variantId });
  return deleted.length > 0;
}

/** The variant's targets, the variant-wide one first, then by client and operation. */
export async function listSlaTargets(db: Executor, variantId: string): Promise<StoredSlaTarget[]> {
  const rows = await db
    .select()
    .from(slaTargets)
    .where(eq(slaTargets.variantId, variantId))
    .orderBy(asc(slaTargets.clientName), asc(slaTargets.operationName));
  return rows.map(({ variantId: _variant, ...target }) => target);
}

/** Requests, errors and latency of one period (an hour, or a day once usage was rolled into days). */
export interface UsagePeriod {
  /** ISO start of the UTC hour or day. */
  start: string;
  /** 1 or 24. */
  hours: number;
  requests: number;
  errors: number;
  latencyHistogram: number[];
}

const o = columnsOf(usageOperations);
const slots = Array.from({ length: LATENCY_HISTOGRAM_SIZE }, (_, i) => i + 1);

/**
 * Requests, errors and summed latency histograms per period of the window, oldest first, of the requests a target
 * covers: one client name's (else every client's) of the operations named `operationName` (else every operation).
 */
export async function sumUsagePeriods(
  db: Executor,
  variantId: string,
  input: { window: Required<CountRange>; clientName: string; operationName: string },
): Promise<UsagePeriod[]> {
  const allClients = input.clientName === '';
  const client = allClients ? sql`true` : sql`usage.client_name = ${input.clientName}`;
  const operation =
    input.operationName === ''
      ? sql``
      : sql`join ${usageOperations} op on ${qualified('op', o.variantId)} = ${variantId}
          and ${qualified('op', o.signature)} = usage.signature and ${qualified('op', o.name)} = ${input.operationName}`;
  const slotSums = sql.join(
    slots.map(
      (slot) => sql`sum(usage.latency_histogram[${sql.raw(String(slot))}]) as ${sql.identifier(`slot_${slot}`)}`,
    ),
    sql`, `,
  );
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select usage.period as period, max(usage.hours) as hours, sum(usage.count) as requests,
        sum(usage.errors) as errors, ${slotSums}
      from ${operationHistogramPeriods(variantId, input.window, allClients)} as usage ${operation}
      where ${client}
      group by usage.period
      order by usage.period`),
  );
  return rows.map((row) => ({
    start: toIso(row.period) ?? '',
    hours: toNumber(row.hours),
    requests: toNumber(row.requests),
    errors: toNumber(row.errors),
    latencyHistogram: slots.map((slot) => toNumber(row[`slot_${slot}`])),
  }));
}
