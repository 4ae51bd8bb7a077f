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
  /** Reports per fold transaction (`USAGE_FOLD_BATCH_REPORTS`). */
  batchReports?: number;
  /** Told about each fold that did something or failed (for logs); a failed fold is retried at the next wake. */
  onFold?(outcome: { ok: true; result: FoldResult } | { ok: false; error: unknown }): void;
  /** The job itself; tests pass their own. Default `foldUsageInbox`. */
  fold?: typeof foldUsageInbox;
}

/** A running fold schedule. */
export interface UsageFoldSchedule {
  /** A report was accepted: fold now, or right after the fold in progress (which may not have seen it). */
  wake(): void;
  /** Stops the timer and waits for a fold in progress. */
  stop(): Promise<void>;
}

/**
 * Folds the usage inbox whenever `wake` is called and every `intervalMs`, one fold at a time. Reports accepted while
 * a fold runs are folded by one more fold right after it, so under load folds run back to back and each sums
 * everything that arrived during the last. The timer does not keep the process alive.
 */
export function scheduleUsageFold(options: ScheduleUsageFoldOptions): UsageFoldSchedule {
  const fold = options.fold ?? foldUsageInbox;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
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
        if (again) run();
      });
  };
  const timer = setInterval(run, options.intervalMs ?? 10_000);
  timer.unref();
  return {
    wake: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
