import { describe, expect, it } from 'vitest';
import { loadSubgraphConfig } from './config';
import { ConfigError } from './errors';

describe('loadSubgraphConfig', () => {
  it('defaults to embedded storage under .switchyard and the subgraph port', () => {
    const config = loadSubgraphConfig('orders', 4004, {});
    expect(config).toMatchObject({
      name: 'orders',
      port: 4004,
      database: { url: undefined, dataDir: '.switchyard/orders' },
      seedScale: 1,
      maxPageSize: 100,
      maxBodyBytes: 2 * 1024 * 1024,
      host: '127.0.0.1',
      identity: { gatewayKey: undefined, serviceKeys: {}, trustUnsigned: false },
    });
  });

  it('reads the body limit, per subgraph too, and refuses one that is not a positive integer', () => {
    expect(loadSubgraphConfig('orders', 4004, { MAX_BODY_BYTES: '4096' }).maxBodyBytes).toBe(4096);
    expect(loadSubgraphConfig('orders', 4004, { ORDERS_MAX_BODY_BYTES: '1024' }).maxBodyBytes).toBe(1024);
    expect(() => loadSubgraphConfig('orders', 4004, { MAX_BODY_BYTES: '0' })).toThrow(/MAX_BODY_BYTES/);
  });

  it('refuses the removed shared secret and names what replaces it', () => {
    expect(() => loadSubgraphConfig('orders', 4004, { SUBGRAPH_SECRET: 'a-very-long-shared-secret' })).toThrow(
      /SUBGRAPH_SECRET: .*set SUBGRAPH_IDENTITY_KEY/,
    );
  });

  it('reads the services allowed to call with their own key, and only the named insecure mode', () => {
    const config = loadSubgraphConfig('catalog', 4002, {
      SUBGRAPH_SERVICE_KEYS: JSON.stringify({ orders: '.switchyard/keys/orders.public.pem' }),
      SUBGRAPH_TRUST_UNSIGNED_IDENTITY: 'insecure-dev',
    });
    expect(config.identity).toMatchObject({
      serviceKeys: { orders: '.switchyard/keys/orders.public.pem' },
      trustUnsigned: true,
    });
    expect(() => loadSubgraphConfig('catalog', 4002, { SUBGRAPH_TRUST_UNSIGNED_IDENTITY: 'true' })).toThrow(
      /SUBGRAPH_TRUST_UNSIGNED_IDENTITY/,
    );
    expect(() => loadSubgraphConfig('catalog', 4002, { SUBGRAPH_SERVICE_KEYS: '{"switchyard-gateway": "k"}' })).toThrow(
      /SUBGRAPH_SERVICE_KEYS: switchyard-gateway is the gateway/,
    );
  });

  it('lets a prefixed variable override the shared one for one subgraph', () => {
    const env = { PORT: '5000', ORDERS_PORT: '5004', DATABASE_URL: 'postgres://root@127.0.0.1:5432/test' };
    expect(loadSubgraphConfig('orders', 4004, env).port).toBe(5004);
    expect(loadSubgraphConfig('catalog', 4002, env).port).toBe(5000);
    expect(loadSubgraphConfig('catalog', 4002, env).database.url).toBe('postgres://root@127.0.0.1:5432/test');
  });

  it('lists every invalid variable at once', () => {
    let error: unknown;
    try {
      loadSubgraphConfig('catalog', 4002, { PORT: 'abc', SEED_SCALE: '-1', SUBGRAPH_SERVICE_KEYS: 'nope' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((issue) => issue.split(':')[0])).toEqual([
      'PORT',
      'SEED_SCALE',
      'SUBGRAPH_SERVICE_KEYS',
    ]);
  });
});
