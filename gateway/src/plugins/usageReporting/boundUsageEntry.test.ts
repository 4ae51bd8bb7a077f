import { UsageReportLimits } from '@switchyard/registry-client/usage';
import { describe, expect, it } from 'vitest';
import { boundClientLabel, boundOperationMeta } from './boundUsageEntry';
import type { OperationMeta } from './usageBuffer';

describe('boundClientLabel', () => {
  it('makes any value a string the usage contract takes', () => {
    expect(boundClientLabel({ sub: 'object' }, 200, 'unknown')).toBe('unknown');
    expect(boundClientLabel(42, 200, '')).toBe('');
    expect(boundClientLabel('  ios\u0000-app\n ', 200, 'unknown')).toBe('ios-app');
    expect(boundClientLabel('\u0001', 200, 'unknown')).toBe('unknown');
    expect(boundClientLabel('a\uD800b', 200, 'unknown')).toBe('a\uFFFDb');
    expect(boundClientLabel('x'.repeat(1000), 200, 'unknown')).toHaveLength(200);
    // A surrogate pair is not split at the cut.
    expect(boundClientLabel(`${'x'.repeat(199)}😀`, 200, 'unknown')).toBe('x'.repeat(199));
  });
});

describe('boundOperationMeta', () => {
  const meta: OperationMeta = {
    signature: 'a'.repeat(64),
    name: 'Big',
    type: 'query',
    document: 'query Big { a }',
    coordinates: ['Query.a'],
    subgraphs: ['products'],
  };

  it('keeps an operation within the limits as it is', () => {
    expect(boundOperationMeta(meta)).toBe(meta);
  });

  it('cuts a document over the limit, saying so, and keeps its signature and coordinates', () => {
    const document = `query Big { ${'...F'.repeat(80_000)} }`;
    const bounded = boundOperationMeta({ ...meta, document, name: 'N'.repeat(600) });
    expect(bounded.document).toHaveLength(UsageReportLimits.maxDocumentLength);
    expect(bounded.document).toMatch(/\n# Cut by the gateway: the normalized document has 320014 characters\.$/);
    expect(bounded).toMatchObject({ signature: meta.signature, coordinates: ['Query.a'], subgraphs: ['products'] });
    expect(bounded.name).toHaveLength(UsageReportLimits.maxOperationNameLength);
  });

  it('cuts at the configured length, never above what the registry takes', () => {
    const document = `query Big { ${'a '.repeat(1000)}}`;
    const bounded = boundOperationMeta({ ...meta, document }, 1000);
    expect(bounded.document).toHaveLength(1000);
    expect(bounded.document).toMatch(/# Cut by the gateway: the normalized document has 2013 characters\.$/);
    const fits = { ...meta, document };
    expect(boundOperationMeta(fits, 5000)).toBe(fits);
    const huge = { ...meta, document: `query Big { ${'...F'.repeat(80_000)} }` };
    expect(boundOperationMeta(huge, 10_000_000).document).toHaveLength(UsageReportLimits.maxDocumentLength);
  });
});
