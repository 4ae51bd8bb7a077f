import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RegistryDatabase } from '../db/openDatabase';
import type { FoldResult } from './foldUsageInbox';
import { scheduleUsageFold } from './scheduleUsageFold';

/** A fold job whose runs the test finishes one by one. */
function controlledFold() {
  const runs: Array<{ finish(reports: number): void; fail(error: Error): void }> = [];
  let started: () => void = () => {};
  const fold = () =>
    new Promise<FoldResult>((resolve, reject) => {
      runs.push({
        finish: (reports) => resolve({ reports, operationRows: reports, coordinateRows: reports }),
        fail: reject,
      });
      started();
    });
  const nextStart = () =>
    new Promise<void>((resolve) => {
      started = resolve;
    });
  return { fold, runs, nextStart };
}

describe('scheduleUsageFold', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('folds a delay after the first wake, with what every report accepted meanwhile added', async () => {
    vi.useFakeTimers();
    const { fold, runs, nextStart } = controlledFold();
    const schedule = scheduleUsageFold({ db: {} as RegistryDatabase, intervalMs: 10_000, delayMs: 2000, fold });
    schedule.wake();
    await vi.advanceTimersByTimeAsync(1000);
    schedule.wake();
    await vi.advanceTimersByTimeAsync(999);
    expect(runs).toHaveLength(0);
    let started = nextStart();
    await vi.advanceTimersByTimeAsync(1);
    await started;
    expect(runs).toHaveLength(1);
    // Woken while it runs: the next fold starts the delay after this one ends, not at once.
    schedule.wake();
    runs[0]?.finish(2);
    await vi.advanceTimersByTimeAsync(1999);
    expect(runs).toHaveLength(1);
    started = nextStart();
    await vi.advanceTimersByTimeAsync(1);
    await started;
    expect(runs).toHaveLength(2);
    runs[1]?.finish(1);
    // Stopping drops a fold that was due: the next replica start (or another replica) folds it.
    schedule.wake();
    await schedule.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toHaveLength(2);
  });

  it('folds when woken, once more after a run that reports arrived during, and at each interval', async () => {
    vi.useFakeTimers();
    const { fold, runs, nextStart } = controlledFold();
    const outcomes: Array<number | string> = [];
    const schedule = scheduleUsageFold({
      db: {} as RegistryDatabase,
      intervalMs: 10_000,
      delayMs: 0,
      fold,
      onFold: (outcome) => outcomes.push(outcome.ok ? outcome.result.reports : String(outcome.error)),
    });

    let started = nextStart();
    schedule.wake();
    await started;
    expect(runs).toHaveLength(1);
    // Reports accepted while the fold runs: one more fold right after it, not one per report.
    schedule.wake();
    schedule.wake();
    expect(runs).toHaveLength(1);
    started = nextStart();
    runs[0]?.finish(3);
    await started;
    expect(runs).toHaveLength(2);
    started = nextStart();
    runs[1]?.fail(new Error('database away'));
    await vi.advanceTimersByTimeAsync(10_000);
    await started;
    expect(runs).toHaveLength(3);
    runs[2]?.finish(0);
    await vi.advanceTimersByTimeAsync(0);
    // Folds that found nothing are not reported.
    expect(outcomes).toEqual([3, 'Error: database away']);

    await schedule.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    schedule.wake();
    expect(runs).toHaveLength(3);
  });

  it('stop waits for the fold in progress', async () => {
    const { fold, runs, nextStart } = controlledFold();
    const schedule = scheduleUsageFold({ db: {} as RegistryDatabase, delayMs: 0, fold });
    const started = nextStart();
    schedule.wake();
    await started;
    let stopped = false;
    const stopping = schedule.stop().then(() => {
      stopped = true;
    });
    await Promise.resolve();
    expect(stopped).toBe(false);
    runs[0]?.finish(1);
    await stopping;
    expect(stopped).toBe(true);
  });
});
