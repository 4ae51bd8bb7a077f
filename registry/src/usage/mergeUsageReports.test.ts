import { describe, expect, it } from 'vitest';
import { mergeUsageReports } from './mergeUsageReports';
import { clientEntry, operationEntry, usageReport } from './testing/reportFixtures';

const at = (iso: string) => new Date(iso);

describe('mergeUsageReports', () => {
  it('sums many reports of a fleet into one row per bucket, operation or coordinate, and client version', () => {
    const a = operationEntry('query A { a b }', ['Query.a', 'Query.b'], [clientEntry('web', '1', 3, 1)]);
    const b = operationEntry(
      'query B { b }',
      ['Query.b'],
      [
        {
          ...clientEntry('web', '1', 4, 2),
          variableCoordinates: { 'Color.RED': 2, 'Query.b': 4 },
          errorCodes: { FORBIDDEN: 2, UNKNOWN: 1 },
        },
      ],
    );
    // Three gateways report the same 5 minutes; a fourth report falls in the next bucket.
    const reports = [
      usageReport(at('2026-03-10T09:00:05Z'), [a, b]),
      usageReport(at('2026-03-10T09:01:00Z'), [a]),
      usageReport(at('2026-03-10T09:04:00Z'), [b]),
      usageReport(at('2026-03-10T09:05:00Z'), [a]),
    ].map((report) => ({ variantId: 'v1', report }));

    const [variant, ...others] = mergeUsageReports(reports);
    expect(others).toEqual([]);
    expect(variant?.coordinateCounts.map((row) => [row.bucket.slice(11, 16), row.coordinate, row.count])).toEqual([
      ['09:00', 'Color.RED', 4],
      ['09:00', 'Query.a', 6],
      // a twice (3 each) and b twice (4 each; Query.b in b's variables is not counted a second time).
      ['09:00', 'Query.b', 14],
      ['09:05', 'Query.a', 3],
      ['09:05', 'Query.b', 3],
    ]);
    expect(
      variant?.operationCounts.map((row) => [
        row.bucket.slice(11, 16),
        row.signature === a.signature,
        row.count,
        row.errors,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['09:00', true, 6, 2],
        ['09:00', false, 8, 4],
        ['09:05', true, 3, 1],
      ]),
    );
    expect(variant?.operationCounts).toHaveLength(3);
    expect(variant?.operationCounts.find((row) => row.count === 6)?.latencyHistogram[0]).toBe(6);
    // Error codes by hour: both of b's reports fall in 09:00.
    expect(variant?.errorCodeCounts.map((row) => [row.hour.slice(11, 16), row.code, row.count])).toEqual([
      ['09:00', 'FORBIDDEN', 4],
      ['09:00', 'UNKNOWN', 2],
    ]);
    const operationA = variant?.operations.find((operation) => operation.signature === a.signature);
    expect(operationA).toMatchObject({ firstSeen: '2026-03-10T09:00:05.000Z', lastSeen: '2026-03-10T09:05:10.000Z' });
  });

  it('keeps variants apart and the latest coordinates an operation was reported with', () => {
    const before = operationEntry('query C { c }', ['Query.c'], [clientEntry('web', '1', 1)]);
    const after = { ...before, coordinates: ['Query.c', 'C.d'] };
    const merged = mergeUsageReports([
      { variantId: 'v2', report: usageReport(at('2026-03-10T09:00:00Z'), [before]) },
      { variantId: 'v1', report: usageReport(at('2026-03-10T09:00:00Z'), [before]) },
      { variantId: 'v2', report: usageReport(at('2026-03-10T09:01:00Z'), [after]) },
    ]);
    expect(merged.map((variant) => variant.variantId)).toEqual(['v1', 'v2']);
    expect(merged[1]?.operations[0]?.coordinates).toEqual(['Query.c', 'C.d']);
    expect(merged[1]?.coordinateCounts.map((row) => [row.coordinate, row.count])).toEqual([
      ['C.d', 1],
      ['Query.c', 2],
    ]);
  });

  it('stops sums at 2^53 rather than losing exactness beyond it', () => {
    const huge = operationEntry('query H { h }', ['Query.h'], [clientEntry('web', '1', 2 ** 52)]);
    const [variant] = mergeUsageReports(
      [1, 2, 3].map(() => ({ variantId: 'v1', report: usageReport(at('2026-03-10T09:00:00Z'), [huge]) })),
    );
    expect(variant?.coordinateCounts[0]?.count).toBe(Number.MAX_SAFE_INTEGER);
  });
});
