import type { RegistryDatabase } from '../db/openDatabase';
import { type FoldResult, foldUsageInbox } from './foldUsageInbox';

/** Options of `scheduleUsageFold`. */
export interface ScheduleUsageFoldOptions {
  db: RegistryDatabase;
  /**
   * How often the inbox is folded even when this replica accepted nothing (`USAGE_FOLD_INTERVAL_MS`): picks up reports
   * another replica accepted and could not fold. Default 10 seconds.
   */
  intervalMs?: number;
  /**
   * How long after a wake the fold starts, and after a fold that reports arrived during the next one does
   * (`USAGE_FOLD_DELAY_MS`), so each fold sums what arrived meanwhile: a fold's cost follows the rows it writes, and
   * a fleet's reports of one bucket share their rows. Reads fold what is pending first, so they do not wait for it.
   * Default `DEFAULT_FOLD_DELAY_MS`.
   */
  delayMs?: number;
  /** Reports per fold transaction (`USAGE_FOLD_BATCH_REPORTS`). */
  batchReports?: number;
  /** Told about each fold that did something or failed (for logs); a failed fold is retried at the next wake. */
  onFold?(outcome: { ok: true; result: FoldResult } | { ok: false; error: unknown }): void;
  /** The job itself; tests pass their own. Default `foldUsageInbox`. */
  fold?: typeof foldUsageInbox;
}

/** A running fold schedule. */
export interface UsageFoldSchedule {
  /** A report was accepted: fold `delayMs` from now, or that long after the fold in progress (which may not have seen it). */
  wake(): void;
  /** Stops the timer and waits for a fold in progress. */
  stop(): Promise<void>;
}

/** Default `USAGE_FOLD_DELAY_MS`: 2 seconds. */
export const DEFAULT_FOLD_DELAY_MS = 2000;

/**
 * Folds the usage inbox `delayMs` after `wake` is called, and every `intervalMs`, one fold at a time. Reports
 * accepted while a fold runs (or waits to start) are folded by one more fold `delayMs` after it, so under load each
 * fold sums everything that arrived during the last and the delay before it. The timers do not keep the process
 * alive.
 */
export function scheduleUsageFold(options: ScheduleUsageFoldOptions): UsageFoldSchedule {
  const fold = options.fold ?? foldUsageInbox;
  const delayMs = options.delayMs ?? DEFAULT_FOLD_DELAY_MS;
  let running: Promise<void> | undefined;
  let delayed: NodeJS.Timeout | undefined;
  let again = false;
  let stopped = false;
  /** Folds `delayMs` from now, unless a fold is already due or running (which then runs once more). */
  const wake = () => {
    if (stopped || delayed) return;
    if (running) {
      again = true;
      return;
    }
    if (delayMs === 0) return run();
    delayed = setTimeout(() => {
      delayed = undefined;
      run();
    }, delayMs);
    delayed.unref();
  };
  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    again = false;
    running = fold(options.db, { batchReports: options.batchReports })
      .then(
        (result) => {
          if (result.reports > 0) options.onFold?.({ ok: true, result });
        },
        (error: unknown) => options.onFold?.({ ok: false, error }),
      )
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          wake();
        }
      });
  };
  const timer = setInterval(() => {
    if (!delayed) run();
  }, options.intervalMs ?? 10_000);
  timer.unref();
  return {
    wake,
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(delayed);
      await running;
    },
  };
}
