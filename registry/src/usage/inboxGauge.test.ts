import { describe, expect, it } from 'vitest';
import { createInboxGauge } from './inboxGauge';

describe('createInboxGauge', () => {
  it('counts the first report, then stores without counting while far below the bound', () => {
    let now = 0;
    const gauge = createInboxGauge({ maxPending: 100, refreshMs: 1000, now: () => now });
    expect(gauge.needsCount()).toBe(true);
    gauge.observe({ pending: 10, stored: true });
    expect(gauge.needsCount()).toBe(false);
    now = 999;
    gauge.observe({ stored: true });
    expect(gauge.needsCount()).toBe(false);
  });

  it('counts again once its count is older than refreshMs: other replicas accept and fold too', () => {
    let now = 0;
    const gauge = createInboxGauge({ maxPending: 100, refreshMs: 1000, now: () => now });
    gauge.observe({ pending: 0, stored: true });
    now = 1000;
    expect(gauge.needsCount()).toBe(true);
  });

  it("counts every report once the last count and this replica's reports since reach half the bound", () => {
    const gauge = createInboxGauge({ maxPending: 100, now: () => 0 });
    gauge.observe({ pending: 47, stored: true });
    gauge.observe({ stored: true });
    expect(gauge.needsCount()).toBe(false);
    gauge.observe({ stored: true });
    expect(gauge.needsCount()).toBe(true);
    // A fold emptied the inbox meanwhile: the next count says so, and counting stops.
    gauge.observe({ pending: 3, stored: false });
    expect(gauge.needsCount()).toBe(false);
  });

  it('counts every report with a bound of one or two', () => {
    for (const maxPending of [1, 2]) {
      const gauge = createInboxGauge({ maxPending, now: () => 0 });
      gauge.observe({ pending: 0, stored: true });
      expect(gauge.needsCount()).toBe(true);
    }
  });
});
