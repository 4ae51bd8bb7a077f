import { describe, expect, it } from 'vitest';
import type { RegistryDatabase } from '../db/openDatabase';
import { scheduleUsageRollup } from './scheduleUsageRollup';

describe('scheduleUsageRollup', () => {
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
    await new Promise((resolve) => setTimeout(resolve, 90));
    await job.stop();
    const after = calls;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toBe(after);
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(outcomes.slice(0, 3)).toEqual([true, false, true]);
  });
});
