import { describe, expect, it } from 'vitest';
import { LATENCY_BUCKETS_MS, latencyBucketOf, validateUsageReport } from './contract';
import { clientEntry, operationEntry, usageReport } from './testing/reportFixtures';

const start = new Date('2026-01-01T10:00:00Z');
const valid = usageReport(start, [operationEntry('query A { a }', ['Query.a'], [clientEntry('web', '1.0', 3)])]);

describe('validateUsageReport', () => {
  it('accepts a report that follows the contract', () => {
    expect(validateUsageReport(valid)).toEqual({ ok: true, report: valid });
  });

  it('lists every problem with its path', () => {
    const broken = {
      ...valid,
      window: { start: valid.window.end, end: valid.window.start },
      operations: [
        {
          ...valid.operations[0],
          signature: 'nope',
          coordinates: ['not a coordinate'],
          clients: [{ ...clientEntry('web', '1', 2), errors: 3, latencyHistogram: [1] }],
        },
      ],
    };
    const result = validateUsageReport(broken);
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        'window.end: must not be before start',
        'operations.0.signature: must be a sha256 hex digest',
        'operations.0.coordinates.0: must be a schema coordinate',
        expect.stringMatching(/^operations\.0\.clients\.0\.latencyHistogram: /),
      ]),
    );
  });

  it('refuses duplicate signatures, missing fields and too many operations', () => {
    const operation = valid.operations[0];
    const duplicate = validateUsageReport({ ...valid, operations: [operation, operation] });
    expect(duplicate).toEqual({ ok: false, issues: ['operations.1.signature: duplicate signature'] });
    const { graph: _graph, ...withoutGraph } = valid;
    expect(validateUsageReport(withoutGraph)).toMatchObject({ ok: false, issues: [expect.stringMatching(/^graph: /)] });
    const many = validateUsageReport({ ...valid, operations: new Array(10_001).fill(operation) });
    expect(many).toMatchObject({
      ok: false,
      issues: expect.arrayContaining([expect.stringMatching(/^operations: Too big/)]),
    });
  });

  it('refuses a histogram that does not sum to the count', () => {
    const client = { ...clientEntry('web', '1', 2), count: 3 };
    const result = validateUsageReport({ ...valid, operations: [{ ...valid.operations[0], clients: [client] }] });
    expect(result).toEqual({
      ok: false,
      issues: ['operations.0.clients.0.latencyHistogram: latencyHistogram must sum to count'],
    });
  });
});

describe('latencyBucketOf', () => {
  it('puts a duration in the first bucket whose bound it does not exceed, and the slowest past the last bound', () => {
    expect(latencyBucketOf(0)).toBe(0);
    expect(latencyBucketOf(5)).toBe(0);
    expect(latencyBucketOf(5.1)).toBe(1);
    expect(latencyBucketOf(999)).toBe(LATENCY_BUCKETS_MS.indexOf(1000));
    expect(latencyBucketOf(60_000)).toBe(LATENCY_BUCKETS_MS.length);
  });
});
