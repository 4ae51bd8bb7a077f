import type { Executor } from '../db/openDatabase';
import { ErrorCode, SwitchyardError } from '../errors';
import { requireVariant } from '../graphs/requireVariant';
import { deleteSlaTarget, listSlaTargets, upsertSlaTarget } from '../repositories/slaRepository';
import { UsageReportLimits } from '../usage/contract';
import { type SlaTarget, toSlaTarget } from '../usage/reports/slaReport';

/** Limits of an SLA target's values. */
export const SlaLimits = {
  /** The latency percentiles a target may bound. */
  percentiles: [95, 99],
  /**
   * Largest latency bound, in ms: the histogram's last bucket bound (10 s); slower requests are all counted as 10 s,
   * so a larger bound could never be missed.
   */
  maxLatencyMs: 10_000,
} as const;

/** What `sla set` asks for. */
export interface SlaTargetInput {
  graph: string;
  variant: string;
  /** Only this client name's requests; every client's when absent. */
  client?: string | null;
  /** Only the operations of this name; every operation when absent. */
  operation?: string | null;
  /** 95 (default) or 99. */
  latencyPercentile?: number | null;
  latencyMs?: number | null;
  errorRate?: number | null;
}

function badInput(message: string, field: string): SwitchyardError {
  return new SwitchyardError(ErrorCode.BAD_USER_INPUT, message, { field });
}

/** Checks a target's values, throwing `BAD_USER_INPUT` naming the field at the first one out of range. */
export function assertSlaTargetInput(input: SlaTargetInput): void {
  const percentile = input.latencyPercentile ?? 95;
  if (!SlaLimits.percentiles.some((allowed) => allowed === percentile))
    throw badInput(`latencyPercentile must be 95 or 99, not ${percentile}.`, 'latencyPercentile');
  const { latencyMs, errorRate } = input;
  if (latencyMs == null && errorRate == null)
    throw badInput('A target needs a latency bound (latencyMs) or an error rate (errorRate), or both.', 'latencyMs');
  if (latencyMs != null && !(Number.isFinite(latencyMs) && latencyMs > 0 && latencyMs <= SlaLimits.maxLatencyMs))
    throw badInput(
      `latencyMs must be above 0 and at most ${SlaLimits.maxLatencyMs} (the latency histogram's last bound).`,
      'latencyMs',
    );
  if (errorRate != null && !(Number.isFinite(errorRate) && errorRate >= 0 && errorRate <= 1))
    throw badInput(`errorRate is a fraction of requests, from 0 to 1 (0.01 is 1 %), not ${errorRate}.`, 'errorRate');
  if ((input.client ?? '').length > UsageReportLimits.maxClientNameLength)
    throw badInput(`client must be at most ${UsageReportLimits.maxClientNameLength} characters.`, 'client');
  if ((input.operation ?? '').length > UsageReportLimits.maxOperationNameLength)
    throw badInput(`operation must be at most ${UsageReportLimits.maxOperationNameLength} characters.`, 'operation');
}

/** Sets (or replaces) the target of a variant, client and operation; answers it as stored. */
export async function setSlaTarget(db: Executor, input: SlaTargetInput, updatedBy: string): Promise<SlaTarget> {
  assertSlaTargetInput(input);
  const { variantId } = await requireVariant(db, input.graph, input.variant);
  const stored = await upsertSlaTarget(db, variantId, {
    clientName: input.client ?? '',
    operationName: input.operation ?? '',
    latencyPercentile: input.latencyPercentile ?? 95,
    latencyMs: input.latencyMs ?? null,
    errorRate: input.errorRate ?? null,
    updatedAt: new Date(),
    updatedBy,
  });
  return toSlaTarget(stored);
}

/** Removes the target of a variant, client and operation; false when there was none. */
export async function removeSlaTarget(
  db: Executor,
  input: { graph: string; variant: string; client?: string | null; operation?: string | null },
): Promise<boolean> {
  const { variantId } = await requireVariant(db, input.graph, input.variant);
  return deleteSlaTarget(db, variantId, { clientName: input.client ?? '', operationName: input.operation ?? '' });
}

/** The targets of a variant. */
export async function slaTargetsOf(db: Executor, graph: string, variant: string): Promise<SlaTarget[]> {
  const { variantId } = await requireVariant(db, graph, variant);
  return (await listSlaTargets(db, variantId)).map(toSlaTarget);
}
