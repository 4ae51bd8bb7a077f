import { createHash } from 'node:crypto';
import type { UsageReport } from '@switchyard/registry-client/usage';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMetrics } from '../../metrics';
import { backoffDelay, createUsageReporter, type UsageReporter } from './createUsageReporter';
import { type FakeRegistry, startFakeRegistry, waitFor } from './testing/fakeRegistry';
import type { OperationMeta } from './usageBuffer';

const meta = (name: string): OperationMeta => ({
  signature: createHash('sha256').update(name).digest('hex'),
  name,
  type: 'query',
  document: `query ${name}{a}`,
  coordinates: ['Query.a'],
  subgraphs: ['products'],
});

const totalOf = (report: UsageReport) =>
  report.operations.flatMap((op) => op.clients).reduce((sum, client) => sum + client.count, 0);

const totalRequests = (registry: FakeRegistry) =>
  registry.reports
    .flatMap((report) => report.operations.flatMap((op) => op.clients))
    .reduce((sum, client) => sum + client.count, 0);

async function dropped(metrics: ReturnType<typeof createMetrics>, reason: string): Promise<number> {
  const metric = await metrics.usageReportsDropped.get();
  return metric.values.find((value) => value.labels.reason === reason)?.value ?? 0;
}

describe('createUsageReporter', () => {
  let registry: FakeRegistry;
  let reporter: UsageReporter | undefined;
  let metrics: ReturnType<typeof createMetrics>;
  const getSupergraph = () => ({ id: 'sg-1', sdl: '' });

  beforeEach(async () => {
    registry = await startFakeRegistry();
    metrics = createMetrics();
  });
  afterEach(async () => {
    await reporter?.stop();
    reporter = undefined;
    await registry.close();
  });

  it('sends gzip reports with the bearer token every interval, in the contract shape', async () => {
    reporter = createUsageReporter({
      registryUrl: registry.url,
      token: 'usage-token',
      graph: 'shop',
      variant: 'prod',
      getSupergraph,
      intervalMs: 30,
      metrics,
    });
    reporter.record(meta('A'), 'web', '1.0', 12, false);
    reporter.record(meta('A'), 'web', '1.0', 12, true);
    await waitFor(() => registry.reports.length === 1);
    expect(registry.requests[0]).toEqual({ authorization: 'Bearer usage-token', encoding: 'gzip' });
    const [report] = registry.reports;
    expect(report).toMatchObject({
      graph: 'shop',
      variant: 'prod',
      schemaId: 'sg-1',
      operations: [
        {
          name: 'A',
          clients: [
            {
              name: 'web',
              version: '1.0',
              count: 2,
              errors: 1,
              latencyHistogram: [0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            },
          ],
        },
      ],
    });
    expect(Date.parse(report?.window.end ?? '')).toBeGreaterThanOrEqual(Date.parse(report?.window.start ?? ''));
    await reporter.flush();
    expect(reporter.pendingRequests).toBe(0);
  });

  it('keeps counts while the registry is down and delivers each exactly once when it is back', async () => {
    await registry.down();
    let failedSends = 0;
    reporter = createUsageReporter({
      registryUrl: registry.url,
      graph: 'shop',
      variant: 'prod',
      getSupergraph,
      intervalMs: 20,
      minBackoffMs: 20,
      maxBackoffMs: 40,
      metrics,
      logger: {
        warn: () => undefined,
        debug: () => {
          failedSends++;
        },
      },
    });
    for (let i = 0; i < 50; i++) reporter.record(meta('A'), 'web', '1', 1, false);
    // Retried with backoff while the registry is away: the first attempt and two retries fail.
    await waitFor(() => failedSends >= 3);
    for (let i = 0; i < 25; i++) reporter.record(meta('B'), 'ios', '2', 1, false);
    expect(reporter.pendingRequests).toBe(75);
    await registry.up();
    await waitFor(() => totalRequests(registry) >= 75);
    // Nothing is left to send once a flush resolves with none pending: a resend would have to come from the queue.
    await reporter.flush();
    expect(reporter.pendingRequests).toBe(0);
    expect(totalRequests(registry)).toBe(75);
    expect(await dropped(metrics, 'buffer_full')).toBe(0);
  });

  it('resends a report whose answer was lost with the same id and counts, and puts new counts in a new report', async () => {
    registry.loseAnswers = 1;
    reporter = createUsageReporter({
      registryUrl: registry.url,
      graph: 'shop',
      variant: 'prod',
      getSupergraph,
      intervalMs: 60_000,
      metrics,
    });
    for (let i = 0; i < 3; i++) reporter.record(meta('A'), 'web', '1', 1, false);
    await reporter.flush();
    expect(registry.reports).toHaveLength(1);
    expect(reporter.pendingRequests).toBe(3);
    reporter.record(meta('B'), 'ios', '2', 1, false);
    await reporter.flush();
    const [lost, resent, next] = registry.reports;
    expect(resent).toEqual(lost);
    expect(next?.id).not.toBe(lost?.id);
    expect(next?.operations).toEqual([
      expect.objectContaining({ name: 'B', clients: [expect.objectContaining({ count: 1 })] }),
    ]);
    expect(reporter.pendingRequests).toBe(0);
  });

  it('flush sends what was counted while another send was in flight, and resolves once the registry took it', async () => {
    reporter = createUsageReporter({
      registryUrl: registry.url,
      graph: 'shop',
      variant: 'prod',
      getSupergraph,
      intervalMs: 60_000,
      metrics,
    });
    reporter.record(meta('A'), 'web', '1', 1, false);
    const release = registry.holdAnswers();
    const first = reporter.flush();
    await waitFor(() => registry.reports.length === 1);
    reporter.record(meta('B'), 'ios', '2', 1, false);
    const second = reporter.flush();
    release();
    await second;
    expect(registry.reports.map((report) => report.operations.map((operation) => operation.name))).toEqual([
      ['A'],
      ['B'],
    ]);
    expect(reporter.pendingRequests).toBe(0);
    await first;
  });

  it('keeps reports waiting for the registry within the buffer limits, dropping and counting the oldest', async () => {
    await registry.down();
    reporter = createUsageReporter({
      registryUrl: registry.url,
      graph: 'shop',
      variant: 'prod',
      getSupergraph,
      intervalMs: 60_000,
      maxBufferedOperations: 2,
      metrics,
    });
    // Each pair fills the buffer and closes a report; the registry is away, so they wait.
    reporter.record(meta('A'), 'web', '1', 1, false);
    reporter.record(meta('B'), 'web', '1', 1, false);
    await reporter.flush();
    for (const name of ['C', 'D', 'E', 'F']) reporter.record(meta(name), 'web', '1', 1, false);
    expect(await dropped(metrics, 'buffer_full')).toBe(2);
    expect(reporter.pendingRequests).toBe(4);
    await registry.up();
    reporter.record(meta('G'), 'web', '1', 1, false);
    await reporter.flush();
    expect(registry.reports.flatMap((report) => report.operations.map((op) => op.name)).sort()).toEqual([
      'C',
      'D',
      'E',
      'F',
      'G',
    ]);
    expect(totalRequests(registry)).toBe(5);
  });

  it('drops and counts a report the registry refuses, without resending it', async () => {
    registry.status = 400;
    reporter = createUsageReporter({
      registryUrl: registry.url,
      graph: 'shop',
      variant: 'prod',
      getSupergraph,
      intervalMs: 60_000,
      metrics,
    });
    for (let i = 0; i < 3; i++) reporter.record(meta('A'), 'web', '1', 1, false);
    await reporter.flush();
    await reporter.flush();
    expect(registry.requests).toHaveLength(1);
    expect(await dropped(metrics, 'rejected')).toBe(3);
    expect(reporter.pendingRequests).toBe(0);
  });

  it('drops a report still unsent past the configured retry horizon, counted as expired', async () => {
    // Only Date is faked: the sends to the stopped registry are real connection attempts.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      await registry.down();
      reporter = createUsageReporter({
        registryUrl: registry.url,
        graph: 'shop',
        variant: 'prod',
        getSupergraph,
        intervalMs: 3_600_000,
        retryHorizonMs: 60_000,
        metrics,
      });
      for (let i = 0; i < 3; i++) reporter.record(meta('A'), 'web', '1', 1, false);
      await reporter.flush();
      vi.setSystemTime(Date.now() + 59_000);
      await reporter.flush();
      expect(reporter.pendingRequests).toBe(3);
      expect(await dropped(metrics, 'expired')).toBe(0);
      vi.setSystemTime(Date.now() + 2_000);
      await reporter.flush();
      expect(await dropped(metrics, 'expired')).toBe(3);
      expect(reporter.pendingRequests).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('leaves out and counts what breaks the usage contract, and sends every other client exactly', async () => {
    reporter = createUsageReporter({
      registryUrl: registry.url,
      graph: 'shop',
      variant: 'prod',
      getSupergraph,
      intervalMs: 60_000,
      metrics,
    });
    const broken: OperationMeta = { ...meta('X'), coordinates: ['not a coordinate'] };
    reporter.record(meta('A'), 'web', '1', 1, false);
    reporter.record(broken, 'web', '1', 1, false);
    reporter.record(broken, 'ios', '1', 1, false);
    reporter.record(meta('A'), { sub: 'object' } as unknown as string, '1', 1, false);
    reporter.record(meta('A'), 'x'.repeat(10_000), `2\u0000${'v'.repeat(500)}`, 1, false);
    reporter.record({ ...meta('Big'), document: `query Big{${'a '.repeat(150_000)}}` }, 'web', '1', 1, false);
    await reporter.flush();
    const [report] = registry.reports;
    const big = report?.operations.find((operation) => operation.name === 'Big');
    expect(big?.document).toMatch(
      /^query Big\{a a [\s\S]*# Cut by the gateway: the normalized document has 300011 characters\.$/,
    );
    expect(big?.clients).toEqual([expect.objectContaining({ name: 'web', count: 1 })]);
    expect(report?.operations.filter((operation) => operation !== big)).toEqual([
      expect.objectContaining({
        name: 'A',
        clients: [
          expect.objectContaining({ name: 'web', version: '1', count: 1 }),
          expect.objectContaining({ name: 'unknown', version: '1', count: 1 }),
          expect.objectContaining({ name: 'x'.repeat(200), version: `2${'v'.repeat(199)}`, count: 1 }),
        ],
      }),
    ]);
    const entries = await metrics.usageEntriesDropped.get();
    expect(entries.values).toEqual([expect.objectContaining({ labels: { reason: 'INVALID_ENTRY' }, value: 1 })]);
    expect(await dropped(metrics, 'refused')).toBe(2);
  });

  it('counts the entries the registry names as refused, by reason, and not the rest', async () => {
    registry.answer = {
      refused: [{ operation: 1, client: 0, code: 'COUNT_TOO_LARGE', message: 'operations.1.clients.0.count: Too big' }],
      refusedEntries: 3,
    };
    reporter = createUsageReporter({
      registryUrl: registry.url,
      graph: 'shop',
      variant: 'prod',
      getSupergraph,
      intervalMs: 60_000,
      metrics,
    });
    reporter.record(meta('A'), 'web', '1', 1, false);
    for (let i = 0; i < 4; i++) reporter.record(meta('B'), 'web', '1', 1, false);
    await reporter.flush();
    const entries = await metrics.usageEntriesDropped.get();
    expect(Object.fromEntries(entries.values.map((value) => [value.labels.reason, value.value]))).toEqual({
      COUNT_TOO_LARGE: 1,
      UNLISTED: 2,
    });
    expect(await dropped(metrics, 'refused')).toBe(4);
    expect(registry.requests).toHaveLength(1);
  });

  it('closes its window when the hour turns, so a request at hh:59:59 and one at hh+1:00:01 land in their own hours', async () => {
    // Only the clock is fake: the uploads are real requests to the fake registry.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-03-10T09:59:59.000Z'));
      reporter = createUsageReporter({
        registryUrl: registry.url,
        graph: 'shop',
        variant: 'prod',
        getSupergraph,
        intervalMs: 60_000,
        metrics,
      });
      reporter.record(meta('A'), 'web', '1', 1, false);
      vi.setSystemTime(new Date('2026-03-10T10:00:01.000Z'));
      reporter.record(meta('A'), 'web', '1', 1, false);
      vi.setSystemTime(new Date('2026-03-10T10:00:30.000Z'));
      await reporter.flush();
      await reporter.flush();
      expect(registry.reports.map((report) => [report.window, totalOf(report)])).toEqual([
        [{ start: '2026-03-10T09:59:59.000Z', end: '2026-03-10T10:00:00.000Z' }, 1],
        [{ start: '2026-03-10T10:00:01.000Z', end: '2026-03-10T10:00:30.000Z' }, 1],
      ]);
      // A window the timer closes after the hour turned still ends at the hour.
      vi.setSystemTime(new Date('2026-03-10T10:59:58.000Z'));
      reporter.record(meta('A'), 'web', '1', 1, false);
      vi.setSystemTime(new Date('2026-03-10T11:00:09.000Z'));
      await reporter.flush();
      expect(registry.reports[2]?.window).toEqual({
        start: '2026-03-10T10:59:58.000Z',
        end: '2026-03-10T11:00:00.000Z',
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it('sends what is left when stopped', async () => {
    reporter = createUsageReporter({
      registryUrl: registry.url,
      graph: 'shop',
      variant: 'prod',
      getSupergraph,
      intervalMs: 60_000,
      metrics,
    });
    reporter.record(meta('A'), 'web', '1', 1, false);
    await reporter.stop();
    expect(totalRequests(registry)).toBe(1);
  });
});

describe('backoffDelay', () => {
  it('doubles from the minimum up to the maximum, with up to half taken off as jitter', () => {
    expect([1, 2, 3, 4, 10].map((failures) => backoffDelay(failures, 1000, 5000, () => 1))).toEqual([
      1000, 2000, 4000, 5000, 5000,
    ]);
    expect(backoffDelay(3, 1000, 5000, () => 0)).toBe(2000);
  });
});
