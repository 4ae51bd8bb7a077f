import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';

describe('usage reporting settings', () => {
  it('are on by default with a registry, sending to it with its token every 10 s', () => {
    const config = loadConfig({
      REGISTRY_URL: 'http://registry:4100',
      GRAPH: 'shop',
      REGISTRY_TOKEN: 'registry-token',
    });
    expect(config.usageReporting).toEqual({
      enabled: true,
      registryUrl: 'http://registry:4100',
      token: 'registry-token',
      graph: 'shop',
      variant: 'prod',
      intervalMs: 10_000,
      maxBufferedOperations: 5000,
      maxBufferedBytes: 8 * 1024 * 1024,
      maxDocumentLength: 256 * 1024,
      retryHorizonMs: 24 * 3_600_000,
    });
  });

  it('are off without a registry, and can be pointed elsewhere or turned off', () => {
    expect(loadConfig({ SUPERGRAPH: 'supergraph.graphql' }).usageReporting.enabled).toBe(false);
    const elsewhere = loadConfig({
      SUPERGRAPH: 'supergraph.graphql',
      GRAPH: 'shop',
      USAGE_REGISTRY_URL: 'http://usage:4100',
      USAGE_TOKEN: 'usage-token',
      USAGE_REPORT_INTERVAL_MS: '2000',
    }).usageReporting;
    expect(elsewhere).toMatchObject({
      enabled: true,
      registryUrl: 'http://usage:4100',
      token: 'usage-token',
      intervalMs: 2000,
    });
    const off = loadConfig({ REGISTRY_URL: 'http://registry:4100', GRAPH: 'shop', USAGE_REPORTING_ENABLED: 'false' });
    expect(off.usageReporting.enabled).toBe(false);
  });

  it('refuse a buffer larger than the registry accepts in one report', () => {
    expect(() => loadConfig({ SUPERGRAPH: 's.graphql', USAGE_BUFFER_MAX_OPERATIONS: '20000' })).toThrow(
      /USAGE_BUFFER_MAX_OPERATIONS/,
    );
  });
});
