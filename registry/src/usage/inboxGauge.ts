/**
 * What one replica knows of the inbox's length between exact counts, so that accepting a report counts the waiting
 * reports (a scan of up to `USAGE_INBOX_MAX_REPORTS` rows, milliseconds of database time once thousands wait) only
 * when the inbox could be near full. A count is exact when it is taken: at the first report, once a count is older
 * than `refreshMs` (other replicas accept and fold too), and whenever the last count with this replica's reports since
 * reached half of `maxPending`. Below that, reports are stored without a count; the bound is never passed by more
 * than what all replicas accept in `refreshMs` beyond half of it.
 */
export interface InboxGauge {
  /** Whether the next report must count the inbox (and be refused at the bound). */
  needsCount(): boolean;
  /** What accepting a report found: the waiting reports when they were counted, and whether it was stored. */
  observe(outcome: { pending?: number; stored: boolean }): void;
}

/** Options of `createInboxGauge`. */
export interface InboxGaugeOptions {
  /** `USAGE_INBOX_MAX_REPORTS`. */
  maxPending: number;
  /** How long a count is trusted, in ms. Default 1000. */
  refreshMs?: number;
  /** The clock, in epoch ms. Default `Date.now`. */
  now?: () => number;
}

export function createInboxGauge(options: InboxGaugeOptions): InboxGauge {
  const refreshMs = options.refreshMs ?? 1000;
  const now = options.now ?? Date.now;
  let known: number | undefined;
  let countedAt = 0;
  return {
    needsCount: () => known === undefined || now() - countedAt >= refreshMs || known >= options.maxPending / 2,
    observe({ pending, stored }) {
      if (pending !== undefined) {
        known = pending + (stored ? 1 : 0);
        countedAt = now();
      } else if (stored && known !== undefined) known++;
    },
  };
}
