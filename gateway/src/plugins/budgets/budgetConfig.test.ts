import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';

describe('budget settings', () => {
  it('refuse a capacity below the maximum operation cost, naming both settings', () => {
    expect(() => loadConfig({ SUPERGRAPH: 's.graphql', BUDGET_CAPACITY: '500', MAX_QUERY_COST: '1000' })).toThrow(
      /BUDGET_CAPACITY: must be at least MAX_QUERY_COST \(1000\)/,
    );
    expect(
      loadConfig({ SUPERGRAPH: 's.graphql', BUDGET_CAPACITY: '500', BUDGETS_ENABLED: 'false' }).budgets.capacity,
    ).toBe(500);
  });

  it('trust no proxy by default, and take TRUSTED_PROXIES as a list', () => {
    expect(loadConfig({ SUPERGRAPH: 's.graphql' }).budgets.trustedProxies).toEqual([]);
    expect(
      loadConfig({ SUPERGRAPH: 's.graphql', TRUSTED_PROXIES: '10.0.0.0/8, loopback' }).budgets.trustedProxies,
    ).toEqual(['10.0.0.0/8', 'loopback']);
  });
});
