import { describe, expect, it } from 'vitest';
import { LATENCY_HISTOGRAM_SIZE } from '../contract';
import { judgeTarget, type SlaTarget } from './slaReport';

const target: SlaTarget = {
  client: null,
  operation: null,
  latencyPercentile: 95,
  latencyMs: 50,
  errorRate: 0.1,
  updatedAt: '2026-03-01T00:00:00.000Z',
  updatedBy: 'admin',
};

/** A period whose requests all took 25–50 ms (`slow`: 100–250 ms). */
function period(start: string, hours: number, requests: number, errors: number, slow = false) {
  const latencyHistogram = new Array<number>(LATENCY_HISTOGRAM_SIZE).fill(0);
  latencyHistogram[slow ? 5 : 3] = requests;
  return { start, hours, requests, errors, latencyHistogram };
}

describe('judgeTarget', () => {
  it('counts a rolled-up day as 24 hours in breach, keeps the worst value and skips periods without requests', () => {
    const judged = judgeTarget(target, [
      period('2026-03-01T00:00:00.000Z', 24, 1000, 300, true),
      period('2026-03-05T10:00:00.000Z', 1, 0, 0),
      period('2026-03-05T11:00:00.000Z', 1, 10, 5),
      period('2026-03-05T12:00:00.000Z', 1, 10, 1),
    ]);
    expect(judged).toEqual({
      requests: 1020,
      hoursJudged: 26,
      breaches: [
        {
          metric: 'LATENCY',
          threshold: 50,
          hoursInBreach: 24,
          worst: 242.5,
          periods: [{ start: '2026-03-01T00:00:00.000Z', hours: 24, requests: 1000, measured: 242.5 }],
        },
        {
          metric: 'ERROR_RATE',
          threshold: 0.1,
          hoursInBreach: 25,
          worst: 0.5,
          periods: [
            { start: '2026-03-01T00:00:00.000Z', hours: 24, requests: 1000, measured: 0.3 },
            { start: '2026-03-05T11:00:00.000Z', hours: 1, requests: 10, measured: 0.5 },
          ],
        },
      ],
    });
  });

  it('judges only the metrics a target bounds, and the 99th percentile when asked', () => {
    const periods = [period('2026-03-05T11:00:00.000Z', 1, 100, 100)];
    expect(judgeTarget({ ...target, errorRate: null, latencyMs: 49.5, latencyPercentile: 99 }, periods)).toMatchObject({
      breaches: [{ metric: 'LATENCY', worst: 49.75 }],
    });
    expect(judgeTarget({ ...target, latencyMs: null, errorRate: 1 }, periods).breaches).toEqual([]);
  });
});
