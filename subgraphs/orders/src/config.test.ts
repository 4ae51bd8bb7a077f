import { ConfigError } from '@switchyard/subgraph-kit';
import { describe, expect, it } from 'vitest';
import { loadOrdersConfig } from './config';

describe('loadOrdersConfig', () => {
  it('defaults to the catalog and suppliers of npm start, a 3 s timeout and port 4004', () => {
    expect(loadOrdersConfig({})).toMatchObject({
      name: 'orders',
      port: 4004,
      maxPageSize: 100,
      directory: {
        catalogUrl: 'http://127.0.0.1:4002/graphql',
        suppliersUrl: 'http://127.0.0.1:4003/graphql',
        timeoutMs: 3000,
      },
    });
  });

  it('reads the directory URLs, prefixed for orders alone or shared', () => {
    const config = loadOrdersConfig({
      CATALOG_URL: 'http://catalog.internal/graphql',
      SUPPLIERS_URL: 'http://suppliers.internal/graphql',
      ORDERS_SUPPLIERS_URL: 'http://suppliers.orders-only/graphql',
      DIRECTORY_TIMEOUT_MS: '500',
    });
    expect(config.directory).toEqual({
      catalogUrl: 'http://catalog.internal/graphql',
      suppliersUrl: 'http://suppliers.orders-only/graphql',
      timeoutMs: 500,
    });
  });

  it("lists every invalid variable, the kit's and its own, in one ConfigError", () => {
    let error: unknown;
    try {
      loadOrdersConfig({ PORT: 'abc', CATALOG_URL: 'not a url', DIRECTORY_TIMEOUT_MS: '0' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((issue) => issue.split(':')[0])).toEqual([
      'PORT',
      'CATALOG_URL',
      'DIRECTORY_TIMEOUT_MS',
    ]);
  });
});
