import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTS_V1, PRODUCTS_V2, productsSubgraph } from './fixtures';
import {
  composeSupergraph,
  startGateway,
  startSubgraph,
  type TestGateway,
  type TestSubgraph,
  waitFor,
} from './harness';

interface FakeRegistry {
  url: string;
  version: number;
  sdl: string;
  polls: IncomingMessage['headers'][];
  usageReports: IncomingMessage['headers'][];
  close(): Promise<void>;
}

/** Answers the supergraph endpoint of `@switchyard/registry-client` and accepts usage reports. */
async function startFakeRegistry(sdl: string): Promise<FakeRegistry> {
  const registry: FakeRegistry = { url: '', version: 1, sdl, polls: [], usageReports: [], close: async () => {} };
  const server: Server = createServer((request, response) => {
    request.resume();
    if (request.method === 'POST' && request.url === '/v1/usage') {
      registry.usageReports.push(request.headers);
      response.writeHead(202, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    if (request.url !== '/v1/graphs/clinic/variants/prod/supergraph') {
      response.writeHead(404).end();
      return;
    }
    registry.polls.push(request.headers);
    const etag = `"${registry.version}"`;
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304).end();
      return;
    }
    response
      .writeHead(200, { 'content-type': 'text/plain', etag, 'x-switchyard-version': String(registry.version) })
      .end(registry.sdl);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  registry.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  registry.close = () => new Promise((resolve) => server.close(() => resolve()));
  return registry;
}

describe('the supergraph from the registry', () => {
  let products: TestSubgraph;
  let registry: FakeRegistry;
  let gw: TestGateway;
  let cacheDir: string;

  beforeAll(async () => {
    products = await startSubgraph(productsSubgraph(PRODUCTS_V2));
    registry = await startFakeRegistry(composeSupergraph([{ ...products, typeDefs: PRODUCTS_V1 }]));
    cacheDir = await mkdtemp(join(tmpdir(), 'gateway-registry-'));
    gw = await startGateway([products], {
      REGISTRY_URL: registry.url,
      GRAPH: 'clinic',
      REGISTRY_TOKEN: 'read-token',
      POLL_INTERVAL_MS: '100',
      SUPERGRAPH_CACHE: join(cacheDir, 'supergraph.graphql'),
      USAGE_REPORT_INTERVAL_MS: '200',
    });
  });
  afterAll(async () => {
    await gw?.close();
    await products.stop();
    await registry.close();
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('serves the registry version and polls with the token', async () => {
    expect(gw.gateway.getSupergraph().id).toMatch(/^v1:/);
    expect(registry.polls[0]?.authorization).toBe('Bearer read-token');
    expect((await gw.query('{ products { id } }')).body.errors).toBeUndefined();
  });

  it('swaps to a new version, and keeps it when the next one is invalid', async () => {
    registry.sdl = composeSupergraph([products]);
    registry.version = 2;
    await waitFor(() => gw.gateway.getSupergraph().id.startsWith('v2:'));
    expect((await gw.query('{ product(id: "p2") { price } }')).body.data).toEqual({ product: { price: 3 } });

    registry.sdl = 'not a supergraph';
    registry.version = 3;
    const polls = registry.polls.length;
    await waitFor(() => registry.polls.length > polls + 2);
    expect(gw.gateway.getSupergraph().id).toMatch(/^v2:/);
    expect((await gw.query('{ products { id } }')).status).toBe(200);
  });

  it('reports usage to the same registry', async () => {
    await gw.query('{ products { id } }');
    await waitFor(() => registry.usageReports.length > 0);
    expect(registry.usageReports[0]?.authorization).toBe('Bearer read-token');
  });
});
