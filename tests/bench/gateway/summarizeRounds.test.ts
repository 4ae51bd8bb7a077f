import { describe, expect, it } from 'vitest';
import { formatTable, median, summarizeRounds } from './summarizeRounds';

const figures = (requestsPerSecond: number, p50: number, p99: number) => ({ requestsPerSecond, p50, p99 });

describe('summarizeRounds', () => {
  it('takes the median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow('median of no values');
  });

  it("gives ours the ratios to stock's medians, each figure on its own", () => {
    const [stock, ours] = summarizeRounds('large', {
      stock: [figures(100, 10, 40), figures(300, 30, 20), figures(200, 20, 30)],
      ours: [figures(400, 5, 10), figures(500, 4, 20), figures(300, 6, 30)],
    });
    expect(stock).toEqual({ scenario: 'large', gateway: 'stock', median: figures(200, 20, 30), rounds: 3 });
    expect(ours.median).toEqual(figures(400, 5, 20));
    expect(ours.ratio).toEqual({ requestsPerSecond: 2, p50: 0.25, p99: 20 / 30 });
  });

  it('takes the CPU per request only when every round has it', () => {
    const [stock, ours] = summarizeRounds('large', {
      stock: [
        { ...figures(100, 10, 20), cpuMsPerRequest: 4 },
        { ...figures(100, 10, 20), cpuMsPerRequest: 6 },
      ],
      ours: [{ ...figures(100, 10, 20), cpuMsPerRequest: 2 }, figures(100, 10, 20)],
    });
    expect(stock.median.cpuMsPerRequest).toBe(5);
    expect(ours.median.cpuMsPerRequest).toBeUndefined();
    expect(ours.ratio?.cpuMsPerRequest).toBeUndefined();
  });

  it('takes the largest RSS over the rounds', () => {
    const [stock] = summarizeRounds('large', {
      stock: [
        { ...figures(100, 10, 20), rssMiB: 180 },
        { ...figures(100, 10, 20), rssMiB: 240 },
        { ...figures(100, 10, 20), rssMiB: 200 },
      ],
      ours: [figures(100, 10, 20)],
    });
    expect(stock.median.rssMiB).toBe(240);
  });

  it('prints one aligned row per gateway with the ratios on ours', () => {
    const rows = summarizeRounds('small', {
      stock: [{ ...figures(1000, 10, 20), cpuMsPerRequest: 0.8, rssMiB: 250 }],
      ours: [{ ...figures(1500, 8, 30), cpuMsPerRequest: 0.4, rssMiB: 125 }],
    });
    expect(formatTable(rows).split('\n')).toEqual([
      'scenario  gateway  req/s  p50 ms  p99 ms  CPU ms/req  RSS MiB  req/s ×  p50 ×  p99 ×  CPU ×  RSS ×',
      '--------  -------  -----  ------  ------  ----------  -------  -------  -----  -----  -----  -----',
      'small     stock     1000    10.0    20.0        0.80      250',
      'small     ours      1500     8.0    30.0        0.40      125    1.50×  0.80×  1.50×  0.50×  0.50×',
    ]);
  });
});
