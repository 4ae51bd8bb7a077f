import type { LoadFigures } from './runLoad';

/** The gateways compared: stock `@apollo/gateway` and ours with every feature on. */
export const GatewayKind = { STOCK: 'stock', OURS: 'ours' } as const;
export type GatewayKind = (typeof GatewayKind)[keyof typeof GatewayKind];

/** One row of the result table: a gateway's median figures over the rounds of one scenario. */
export interface SummaryRow {
  scenario: string;
  gateway: GatewayKind;
  /** Median over the rounds of each figure separately. */
  median: LoadFigures;
  rounds: number;
  /** Ours divided by stock, on ours' rows only: above 1 is better for req/s, below 1 for latency and CPU. */
  ratio?: LoadFigures;
}

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function medianFigures(rounds: LoadFigures[]): LoadFigures {
  const cpu = rounds.map((r) => r.cpuMsPerRequest).filter((ms) => ms !== undefined);
  const rss = rounds.map((r) => r.rssMiB).filter((mib) => mib !== undefined);
  return {
    requestsPerSecond: median(rounds.map((r) => r.requestsPerSecond)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    ...(cpu.length === rounds.length ? { cpuMsPerRequest: median(cpu) } : {}),
    // The largest, not the median: memory that grew in one round is the figure to see.
    ...(rss.length === rounds.length ? { rssMiB: Math.max(...rss) } : {}),
  };
}

/** The stock row and ours (with the ratios ours/stock) of one scenario, from each gateway's rounds. */
export function summarizeRounds(
  scenario: string,
  rounds: Record<GatewayKind, LoadFigures[]>,
): [SummaryRow, SummaryRow] {
  const stock = medianFigures(rounds.stock);
  const ours = medianFigures(rounds.ours);
  const divide = (a: number, b: number) => (b === 0 ? Number.NaN : a / b);
  return [
    { scenario, gateway: GatewayKind.STOCK, median: stock, rounds: rounds.stock.length },
    {
      scenario,
      gateway: GatewayKind.OURS,
      median: ours,
      rounds: rounds.ours.length,
      ratio: {
        requestsPerSecond: divide(ours.requestsPerSecond, stock.requestsPerSecond),
        p50: divide(ours.p50, stock.p50),
        p99: divide(ours.p99, stock.p99),
        ...(ours.cpuMsPerRequest !== undefined && stock.cpuMsPerRequest !== undefined
          ? { cpuMsPerRequest: divide(ours.cpuMsPerRequest, stock.cpuMsPerRequest) }
          : {}),
        ...(ours.rssMiB !== undefined && stock.rssMiB !== undefined
          ? { rssMiB: divide(ours.rssMiB, stock.rssMiB) }
          : {}),
      },
    },
  ];
}

const ratio = (value: number | undefined) => (value === undefined ? '' : `${value.toFixed(2)}×`);

/**
 * The result table as aligned text: scenario, gateway, req/s, p50, p99 (ms), the gateway's CPU ms per request
 * and its RSS after the rounds in MiB (the largest over them; both blank without procfs), and the ratios ours/stock of
 * each.
 */
export function formatTable(rows: SummaryRow[]): string {
  const header = [
    'scenario',
    'gateway',
    'req/s',
    'p50 ms',
    'p99 ms',
    'CPU ms/req',
    'RSS MiB',
    'req/s ×',
    'p50 ×',
    'p99 ×',
    'CPU ×',
    'RSS ×',
  ];
  const lines = rows.map((row) => [
    row.scenario,
    row.gateway,
    row.median.requestsPerSecond.toFixed(0),
    row.median.p50.toFixed(1),
    row.median.p99.toFixed(1),
    row.median.cpuMsPerRequest?.toFixed(2) ?? '',
    row.median.rssMiB?.toFixed(0) ?? '',
    ratio(row.ratio?.requestsPerSecond),
    ratio(row.ratio?.p50),
    ratio(row.ratio?.p99),
    ratio(row.ratio?.cpuMsPerRequest),
    ratio(row.ratio?.rssMiB),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)),
  );
  const format = (cells: string[]) =>
    cells
      .map((cell, column) => (column < 2 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(format)].join('\n');
}
