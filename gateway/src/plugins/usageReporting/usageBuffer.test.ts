import { UsageReportLimits } from '@switchyard/registry-client/usage';
import { describe, expect, it } from 'vitest';
import { type OperationMeta, UsageBuffer } from './usageBuffer';

const meta = (signature: string): OperationMeta => ({
  signature: signature.padEnd(64, '0'),
  name: signature,
  type: 'query',
  document: `query ${signature}{a}`,
  coordinates: ['Query.a'],
  subgraphs: ['products'],
});

const fetches = (...subgraphs: string[]) =>
  new Map(
    subgraphs.map((subgraph) => [
      subgraph,
      { fetches: 1, errors: 0, latencyHistogram: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
    ]),
  );

describe('UsageBuffer', () => {
  it("adds each request's subgraph fetches to its entry, weighing a subgraph once per entry", () => {
    const buffer = new UsageBuffer({ maxEntries: 100, maxBytes: 1_000_000 });
    const record = (subgraphs: string[]) =>
      buffer.record(meta('a'), 'web', '1.0', 3, false, undefined, 0, [], false, fetches(...subgraphs));
    record(['products', 'reviews']);
    const afterFirst = buffer.bytes;
    record(['products', 'reviews']);
    expect(buffer.bytes).toBe(afterFirst);
    record(['products', 'inventory']);
    expect(buffer.bytes).toBe(afterFirst + 'inventory'.length + 80);
    expect(buffer.toOperations()[0]?.clients[0]?.subgraphFetches).toEqual({
      products: { fetches: 3, errors: 0, latencyHistogram: [3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
      reviews: { fetches: 2, errors: 0, latencyHistogram: [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
      inventory: { fetches: 1, errors: 0, latencyHistogram: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
    });
  });

  it('counts requests, errors, latency buckets and variable coordinates exactly per operation and client version', () => {
    const buffer = new UsageBuffer({ maxEntries: 100, maxBytes: 1_000_000 });
    for (let i = 0; i < 1000; i++) buffer.record(meta('a'), 'web', '1.0', i % 2 ? 3 : 30, i % 10 === 0);
    buffer.record(meta('a'), 'web', '1.1', 20_000, false, new Set(['Color.RED']));
    buffer.record(meta('a'), 'web', '1.1', 1, false, new Set(['Color.RED', 'Color.BLUE']));
    buffer.record(meta('b'), 'ios', '', 7, false);
    expect(buffer.requests).toBe(1003);
    expect(buffer.toOperations()).toEqual([
      expect.objectContaining({
        signature: meta('a').signature,
        clients: [
          {
            name: 'web',
            version: '1.0',
            count: 1000,
            errors: 100,
            latencyHistogram: [500, 0, 0, 500, 0, 0, 0, 0, 0, 0, 0, 0],
          },
          {
            name: 'web',
            version: '1.1',
            count: 2,
            errors: 0,
            latencyHistogram: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
            variableCoordinates: { 'Color.RED': 2, 'Color.BLUE': 1 },
          },
        ],
      }),
      expect.objectContaining({
        signature: meta('b').signature,
        clients: [
          { name: 'ios', version: '', count: 1, errors: 0, latencyHistogram: [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
        ],
      }),
    ]);
  });

  it('counts failed requests per error code, once per code, and codes past the cap as OTHER', () => {
    const buffer = new UsageBuffer({ maxEntries: 100, maxBytes: 1_000_000 });
    buffer.record(meta('a'), 'web', '1.0', 3, true, undefined, 0, ['SUBGRAPH_TIMEOUT', 'UNAUTHORIZED_FIELD_OR_TYPE']);
    buffer.record(meta('a'), 'web', '1.0', 3, true, undefined, 0, ['SUBGRAPH_TIMEOUT']);
    buffer.record(meta('a'), 'web', '1.0', 3, false);
    for (let i = 0; i < 60; i++) buffer.record(meta('b'), 'web', '1.0', 3, true, undefined, 0, [`CODE_${i}`, `X_${i}`]);
    const [a, b] = buffer.toOperations();
    expect(a?.clients[0]).toMatchObject({
      count: 3,
      errors: 2,
      errorCodes: { SUBGRAPH_TIMEOUT: 2, UNAUTHORIZED_FIELD_OR_TYPE: 1 },
    });
    const codes = b?.clients[0]?.errorCodes ?? {};
    expect(Object.keys(codes)).toHaveLength(UsageReportLimits.maxErrorCodesPerEntry);
    // Each request counts once under OTHER however many of its codes did not fit.
    expect(codes.OTHER).toBe(36);
    expect(Math.max(...Object.values(codes))).toBeLessThanOrEqual(60);
  });

  it('counts the requests whose document was not persisted, and says nothing when all were', () => {
    const buffer = new UsageBuffer({ maxEntries: 100, maxBytes: 1_000_000 });
    for (const unknown of [true, false, true])
      buffer.record(meta('a'), 'web', '1.0', 1, false, undefined, 0, [], unknown);
    buffer.record(meta('a'), 'ios', '2', 1, false);
    expect(buffer.toOperations()[0]?.clients).toEqual([
      expect.objectContaining({ name: 'web', count: 3, unknownDocuments: 2 }),
      expect.not.objectContaining({ unknownDocuments: expect.anything() }),
    ]);
  });

  it('refuses new entries past the entry cap while existing entries keep counting', () => {
    const buffer = new UsageBuffer({ maxEntries: 2, maxBytes: 1_000_000 });
    expect(buffer.record(meta('a'), 'web', '1', 1, false)).toBe('recorded');
    expect(buffer.record(meta('a'), 'ios', '1', 1, false)).toBe('recorded');
    expect(buffer.full).toBe(true);
    expect(buffer.record(meta('b'), 'web', '1', 1, false)).toBe('dropped');
    expect(buffer.record(meta('a'), 'android', '1', 1, false)).toBe('dropped');
    expect(buffer.record(meta('a'), 'web', '1', 1, false)).toBe('recorded');
    expect(buffer.requests).toBe(3);
  });

  it('refuses new entries past the byte cap', () => {
    const buffer = new UsageBuffer({ maxEntries: 1000, maxBytes: 700 });
    const outcomes = ['a', 'b', 'c', 'd', 'e'].map((name) => buffer.record(meta(name), 'web', '1', 1, false));
    expect(outcomes).toEqual(['recorded', 'recorded', 'dropped', 'dropped', 'dropped']);
  });
});
