import type { Executor } from '../../db/openDatabase';
import {
  listSlaTargets,
  type StoredSlaTarget,
  sumUsagePeriods,
  type UsagePeriod,
} from '../../repositories/slaRepository';
import { latencyPercentile } from './operationUsage';
import type { UsageWindow } from './usageWindow';

/** What an SLA target bounds. */
export const SlaMetric = { LATENCY: 'LATENCY', ERROR_RATE: 'ERROR_RATE' } as const;
export type SlaMetric = (typeof SlaMetric)[keyof typeof SlaMetric];

/** A target as the API shows it: null client or operation means every one. */
export interface SlaTarget {
  client: string | null;
  operation: string | null;
  /** 95 or 99. */
  latencyPercentile: number;
  latencyMs: number | null;
  errorRate: number | null;
  updatedAt: string;
  updatedBy: string;
}

/** One period (hour or day) in which a target was missed. */
export interface SlaBreachPeriod {
  start: string;
  hours: number;
  requests: number;
  /** The percentile in ms, or the error rate as a fraction. */
  measured: number;
}

/** A target's metric missed in some periods of the window. */
export interface SlaBreach {
  metric: SlaMetric;
  /** The bound: ms for latency, a fraction for the error rate. */
  threshold: number;
  /** Hours of the periods in breach (a day rolled up counts 24). */
  hoursInBreach: number;
  /** The worst measured value over those periods. */
  worst: number;
  periods: SlaBreachPeriod[];
}

/** How a target fared in the window. */
export interface SlaStatus {
  target: SlaTarget;
  /** Requests the target covers in the window. */
  requests: number;
  /** Hours with requests, judged (a day rolled up counts 24). */
  hoursJudged: number;
  /** Per metric missed; empty when every judged hour met the target. */
  breaches: SlaBreach[];
}

/** A stored target as shown: `''` becomes null. */
export function toSlaTarget(stored: StoredSlaTarget): SlaTarget {
  return {
    client: stored.clientName === '' ? null : stored.clientName,
    operation: stored.operationName === '' ? null : stored.operationName,
    latencyPercentile: stored.latencyPercentile,
    latencyMs: stored.latencyMs,
    errorRate: stored.errorRate,
    updatedAt: stored.updatedAt.toISOString(),
    updatedBy: stored.updatedBy,
  };
}

/**
 * Judges a target on each period with requests: the period's latency percentile (from its summed histogram, so to
 * the resolution of `LATENCY_BUCKETS_MS`, interpolated inside a bucket) against `latencyMs`, and its failed
 * requests over its requests against `errorRate`; a value above the bound is a breach. Periods without requests
 * are not judged.
 */
export function judgeTarget(target: SlaTarget, periods: readonly UsagePeriod[]): Omit<SlaStatus, 'target'> {
  const judged = periods.filter((period) => period.requests > 0);
  const breaches: SlaBreach[] = [];
  const collect = (metric: SlaMetric, threshold: number | null, measure: (period: UsagePeriod) => number | null) => {
    if (threshold === null) return;
    const missed: SlaBreachPeriod[] = [];
    for (const period of judged) {
      const measured = measure(period);
      if (measured !== null && measured > threshold)
        missed.push({ start: period.start, hours: period.hours, requests: period.requests, measured });
    }
    if (missed.length === 0) return;
    breaches.push({
      metric,
      threshold,
      hoursInBreach: missed.reduce((sum, period) => sum + period.hours, 0),
      worst: Math.max(...missed.map((period) => period.measured)),
      periods: missed,
    });
  };
  const fraction = target.latencyPercentile / 100;
  collect(SlaMetric.LATENCY, target.latencyMs, (period) => latencyPercentile(period.latencyHistogram, fraction));
  collect(
    SlaMetric.ERROR_RATE,
    target.errorRate,
    (period) => Math.round((period.errors / period.requests) * 1e6) / 1e6,
  );
  return {
    requests: judged.reduce((sum, period) => sum + period.requests, 0),
    hoursJudged: judged.reduce((sum, period) => sum + period.hours, 0),
    breaches,
  };
}

/** Every target of the variant judged over the window: targets in breach first (most hours first), then the rest. */
export async function slaReport(db: Executor, input: { variantId: string; window: UsageWindow }): Promise<SlaStatus[]> {
  const statuses: SlaStatus[] = [];
  // One after the other: the report is small, and a PGlite registry has one connection anyway.
  for (const stored of await listSlaTargets(db, input.variantId)) {
    const periods = await sumUsagePeriods(db, input.variantId, {
      window: input.window,
      clientName: stored.clientName,
      operationName: stored.operationName,
    });
    const target = toSlaTarget(stored);
    statuses.push({ target, ...judgeTarget(target, periods) });
  }
  const hours = (status: SlaStatus) => Math.max(0, ...status.breaches.map((breach) => breach.hoursInBreach));
  return statuses.sort((a, b) => hours(b) - hours(a));
}
