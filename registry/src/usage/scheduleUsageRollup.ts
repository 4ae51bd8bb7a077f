import type { RegistryDatabase } from '../db/openDatabase';
import { type RollupUsageOptions, type RollupUsageResult, rollupUsage } from './rollupUsage';

/** Options of `scheduleUsageRollup`. */
export interface ScheduleUsageRollupOptions extends RollupUsageOptions {
  db: RegistryDatabase;
  /** How often the rollup runs, in ms. Default one hour. */
  intervalMs?: number;
  /** Told about each run's outcome (for logs); a failed run is retried at the next interval. */
  onRun?(outcome: { ok: true; result: RollupUsageResult } | { ok: false; error: unknown }): void;
  /** The job itself; tests pass their own. Default `rollupUsage`. */
  rollup?: typeof rollupUsage;
}

/**
 * Runs `rollupUsage` once now and then every `intervalMs` (one at a time), until the returned `stop` is called.
 * The timer does not keep the process alive. `stop` waits for a run in progress.
 */
export function scheduleUsageRollup(options: ScheduleUsageRollupOptions): { stop(): Promise<void> } {
  const rollup = options.rollup ?? rollupUsage;
  let running: Promise<void> | undefined;
  let stopped = false;
  const run = () => {
    if (running || stopped) return;
    running = rollup(options.db, new Date(), options)
      .then(
        (result) => options.onRun?.({ ok: true, result }),
        (error: unknown) => options.onRun?.({ ok: false, error }),
      )
      .finally(() => {
        running = undefined;
      });
  };
  run();
  const timer = setInterval(run, options.intervalMs ?? 3_600_000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
