import { describe, expect, it } from 'vitest';
import { LATENCY_BUCKETS_MS, latencyBucketOf, UsageReportLimits } from './contract';
import { clientEntry, operationEntry, usageReport } from './testing/reportFixtures';
import { validateUsageReport } from './validateUsageReport';

const start = new Date('2026-01-01T10:00:00Z');
const valid = usageReport(start, [operationEntry('query A { a }', ['Query.a'], [clientEntry('web', '1.0', 3)])]);

describe('validateUsageReport', () => {
  it('accepts a report that follows the contract', () => {
    expect(validateUsageReport(valid)).toEqual({ ok: true, report: valid, refused: [] });
  });

  it('refuses a broken envelope whole, listing every problem with its path', () => {
    const { graph: _graph, ...withoutGraph } = valid;
    expect(validateUsageReport(withoutGraph)).toMatchObject({ ok: false, issues: [expect.stringMatching(/^graph: /)] });
    const backwards = validateUsageReport({ ...valid, window: { start: valid.window.end, end: valid.window.start } });
    expect(backwards).toEqual({ ok: false, issues: ['window.end: must not be before start'] });
    const many = validateUsageReport({ ...valid, operations: new Array(10_001).fill(valid.operations[0]) });
    expect(many).toMatchObject({
      ok: false,
      issues: expect.arrayContaining([expect.stringMatching(/^operations: Too big/)]),
    });
  });

  it('refuses only the entries that break the contract, each with its index and reason, and keeps the rest', () => {
    const good = operationEntry('query G { g }', ['Query.g'], [clientEntry('web', '1', 2)]);
    const huge = operationEntry('query H { h }', ['Query.h'], [clientEntry('web', '1', 1)]);
    const mixed = operationEntry(
      'query M { m }',
      ['Query.m'],
      [
        clientEntry('web', '1', 4),
        { ...clientEntry('x', '1', 1), name: { sub: 'object' } as unknown as string },
        clientEntry('x'.repeat(UsageReportLimits.maxClientNameLength + 1), '1', 1),
        clientEntry('forger', '1', Number.MAX_SAFE_INTEGER),
        { ...clientEntry('web', '2', 2), count: 3 },
      ],
    );
    const result = validateUsageReport({
      ...valid,
      operations: [
        good,
        { ...huge, document: 'x'.repeat(UsageReportLimits.maxDocumentLength + 1) },
        { ...good, signature: 'nope' },
        mixed,
        good,
      ],
    });
    expect(result.ok && result.report.operations).toEqual([good, { ...mixed, clients: [mixed.clients[0]] }]);
    expect(result.ok && result.refused.map(({ message: _message, ...entry }) => entry)).toEqual([
      { operation: 1, code: 'DOCUMENT_TOO_LARGE' },
      { operation: 2, code: 'INVALID_ENTRY' },
      { operation: 3, client: 1, code: 'INVALID_ENTRY' },
      { operation: 3, client: 2, code: 'INVALID_ENTRY' },
      { operation: 3, client: 3, code: 'COUNT_TOO_LARGE' },
      { operation: 3, client: 4, code: 'INVALID_ENTRY' },
      { operation: 4, code: 'DUPLICATE_SIGNATURE' },
    ]);
    expect(result.ok && result.refused.map((entry) => entry.message)).toEqual([
      expect.stringMatching(/^operations\.1\.document: Too big/),
      'operations.2.signature: must be a sha256 hex digest',
      expect.stringMatching(/^operations\.3\.clients\.1\.name: /),
      expect.stringMatching(/^operations\.3\.clients\.2\.name: Too big/),
      expect.stringMatching(/^operations\.3\.clients\.3\.count: Too big/),
      'operations.3.clients.4.latencyHistogram: latencyHistogram must sum to count',
      'operations.4.signature: duplicate signature',
    ]);
  });
});

describe('errorCodes of a client entry', () => {
  const withCodes = (errorCodes: Record<string, number>) =>
    usageReport(start, [
      operationEntry('query A { a }', ['Query.a'], [{ ...clientEntry('web', '1.0', 3, 2), errorCodes }]),
    ]);

  it('are optional, and accepted when no code counts more requests than failed', () => {
    expect(validateUsageReport(withCodes({ SUBGRAPH_TIMEOUT: 2, UNKNOWN: 1 }))).toMatchObject({
      ok: true,
      refused: [],
    });
  });

  it('refuse the entry when a code outcounts its errors, is not a code, or there are too many codes', () => {
    const many = Object.fromEntries(
      Array.from({ length: UsageReportLimits.maxErrorCodesPerEntry + 1 }, (_, i) => [`C${i}`, 1]),
    );
    for (const codes of [{ SUBGRAPH_TIMEOUT: 3 }, { 'not a code': 1 }, many]) {
      expect(validateUsageReport(withCodes(codes))).toMatchObject({
        ok: true,
        report: { operations: [] },
        refused: [{ operation: 0, client: 0, code: 'INVALID_ENTRY' }],
      });
    }
  });
});

describe('unknownDocuments of a client entry', () => {
  const withUnknown = (unknownDocuments: number) =>
    usageReport(start, [
      operationEntry('query A { a }', ['Query.a'], [{ ...clientEntry('web', '1.0', 3, 0), unknownDocuments }]),
    ]);

  it("count requests whose document was not persisted, at most the entry's requests", () => {
    expect(validateUsageReport(withUnknown(3))).toMatchObject({ ok: true, refused: [] });
    expect(validateUsageReport(withUnknown(4))).toMatchObject({
      ok: true,
      report: { operations: [] },
      refused: [{ operation: 0, client: 0, code: 'INVALID_ENTRY' }],
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
