import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RegistryDatabase } from '../db/openDatabase';
import { scheduleUsageRollup } from './scheduleUsageRollup';

describe('scheduleUsageRollup', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs now and at each interval, reports failures, and stops', async () => {
    const outcomes: boolean[] = [];
    let calls = 0;
    const job = scheduleUsageRollup({
      db: {} as RegistryDatabase,
      intervalMs: 20,
      retentionDays: 30,
      rollup: async (_db, _now, options) => {
        calls++;
        expect(options?.retentionDays).toBe(30);
        if (calls === 2) throw new Error('database away');
        return {
          skipped: false,
          compactedRows: 0,
          rolledUpCoordinateRows: 0,
          rolledUpOperationRows: 0,
          deletedRows: 0,
        };
      },
      onRun: (outcome) => outcomes.push(outcome.ok),
    });
    // The run at start, then one at 20 ms and one at 40 ms.
    await vi.advanceTimersByTimeAsync(40);
    expect(calls).toBe(3);
    expect(outcomes).toEqual([true, false, true]);
    await job.stop();
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toBe(3);
  });
});
