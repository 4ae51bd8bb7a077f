import type { ReportView } from '../format/renderReport';
import type { RegistryApi } from '../registryApi';

type SlaStatus = Awaited<ReturnType<RegistryApi['usageSla']>>[number];
type SlaTargetView = SlaStatus['target'];

/** `p95 ≤ 300 ms, errors ≤ 1 %`: a target's bounds in one cell. */
export function targetText(target: SlaTargetView): string {
  const parts: string[] = [];
  if (target.latencyMs !== null) parts.push(`p${target.latencyPercentile} ≤ ${target.latencyMs} ms`);
  if (target.errorRate !== null) parts.push(`errors ≤ ${percent(target.errorRate)}`);
  return parts.join(', ');
}

/** A fraction as a percentage with up to two decimals: `0.015` → `1.5 %`. */
function percent(fraction: number): string {
  return `${Math.round(fraction * 10_000) / 100} %`;
}

/**
 * The `usage sla` report: one row per breach (a target's metric missed in some hours), targets in breach first as
 * the API orders them; `--format json` gives every target with its breaches and their periods.
 */
export function slaReportView(statuses: readonly SlaStatus[]): ReportView {
  const rows = statuses.flatMap((status) =>
    status.breaches.map((breach) => {
      const latency = breach.metric === 'LATENCY';
      return [
        targetText(status.target),
        status.target.client ?? 'every client',
        status.target.operation ?? 'every operation',
        latency ? `p${status.target.latencyPercentile} latency` : 'error rate',
        String(breach.hoursInBreach),
        String(status.hoursJudged),
        latency ? `${breach.worst} ms` : percent(breach.worst),
        latency ? `${breach.threshold} ms` : percent(breach.threshold),
      ];
    }),
  );
  const met = statuses.filter((status) => status.breaches.length === 0 && Number(status.requests) > 0).length;
  const idle = statuses.filter((status) => Number(status.requests) === 0).length;
  return {
    headers: ['Target', 'Client', 'Operation', 'Metric', 'Hours in breach', 'Hours judged', 'Worst measured', 'Bound'],
    rows,
    raw: statuses,
    empty:
      statuses.length === 0
        ? 'No SLA targets are set for this variant; set one with `switchyard sla set`.'
        : `Every SLA target (${statuses.length}) was met in every hour of this window${idle > 0 ? ` (${idle} had no requests to judge)` : ''}.`,
    note: `${met} of ${statuses.length} target(s) met${idle > 0 ? `, ${idle} without requests to judge` : ''}. Each hour with requests is judged on its own (each day, for usage older than 48 hours).`,
  };
}
