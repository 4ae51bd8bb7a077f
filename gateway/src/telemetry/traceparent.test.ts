import { describe, expect, it } from 'vitest';
import { childTraceparent, formatTraceparent, newSpanId, newTraceId, parseTraceparent } from './traceparent';

describe('traceparent', () => {
  const header = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('parses and prints W3C traceparent headers', () => {
    const parsed = parseTraceparent(header);
    expect(parsed).toEqual({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', flags: '01' });
    expect(parsed && formatTraceparent(parsed)).toBe(header);
  });

  it('ignores malformed headers and all-zero ids', () => {
    expect(parseTraceparent('garbage')).toBeUndefined();
    expect(parseTraceparent('00-00000000000000000000000000000000-00f067aa0ba902b7-01')).toBeUndefined();
    expect(parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01')).toBeUndefined();
    expect(parseTraceparent(undefined)).toBeUndefined();
  });

  it('makes a child in the same trace with a new span id, or starts a sampled trace', () => {
    const child = parseTraceparent(childTraceparent(header));
    expect(child).toMatchObject({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', flags: '01' });
    expect(child?.spanId).not.toBe('00f067aa0ba902b7');
    const root = parseTraceparent(childTraceparent(undefined));
    expect(root?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(root?.flags).toBe('01');
  });
});

describe('newTraceId and newSpanId', () => {
  it('are distinct hex ids of the W3C sizes, across pool refills', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const traceId = newTraceId();
      const spanId = newSpanId();
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(spanId).toMatch(/^[0-9a-f]{16}$/);
      ids.add(traceId).add(spanId);
    }
    expect(ids.size).toBe(4_000);
  });
});
