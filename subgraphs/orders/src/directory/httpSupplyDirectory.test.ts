import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServiceTokenSigner } from '@switchyard/subgraph-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpSupplyDirectory } from './httpSupplyDirectory';
import { DirectoryUnavailableError } from './supplyDirectory';

interface Received {
  path: string;
  token: string | undefined;
  body: { query: string; variables: { representations: { __typename: string; id: string }[] } };
}

// A local server stands in for the catalog (`/catalog`) and suppliers (`/suppliers`); `answer` decides each reply.
describe('createHttpSupplyDirectory', () => {
  let server: Server;
  let base: string;
  const received: Received[] = [];
  let answer: (path: string, body: Received['body']) => { status?: number; json?: unknown; hang?: boolean };

  beforeAll(async () => {
    server = createServer(async (request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Received['body'];
      const path = request.url ?? '';
      received.push({ path, token: request.headers['x-switchyard-identity'] as string | undefined, body });
      const reply = answer(path, body);
      if (reply.hang) return;
      response.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(reply.json));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    received.length = 0;
  });

  const directory = (overrides: { timeoutMs?: number; credential?: ServiceTokenSigner; catalogUrl?: string } = {}) =>
    createHttpSupplyDirectory({
      catalogUrl: `${base}/catalog`,
      suppliersUrl: `${base}/suppliers`,
      timeoutMs: 2000,
      ...overrides,
    });

  const offer = {
    id: 'offer_00001_003',
    stock: 40,
    minimumOrderQuantity: 5,
    unitPrice: { amountCents: 990, currency: 'EUR' },
    supplier: { id: 'supplier_003' },
  };

  it("asks the catalog and the suppliers once each, each with orders' own token for that subgraph, and joins their answers", async () => {
    answer = (path, body) =>
      path === '/catalog'
        ? {
            json: {
              data: {
                _entities: body.variables.representations.map((r) => (r.id === 'supply_00001' ? { id: r.id } : null)),
              },
            },
          }
        : {
            json: {
              data: {
                _entities: body.variables.representations.map((r) => ({
                  id: r.id,
                  offers: r.id === 'supply_00001' ? [offer] : [],
                })),
              },
            },
          };
    const listings = await directory({
      credential: { sign: async (audience) => `orders-token-for-${audience}` },
    }).listSupplies(['supply_00001', 'supply_99999']);
    expect(received.map(({ path, token }) => ({ path, token })).sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: '/catalog', token: 'orders-token-for-catalog' },
      { path: '/suppliers', token: 'orders-token-for-suppliers' },
    ]);
    expect(received[0]?.body.variables.representations).toEqual([
      { __typename: 'Supply', id: 'supply_00001' },
      { __typename: 'Supply', id: 'supply_99999' },
    ]);
    expect(listings.get('supply_00001')).toEqual({
      supplyId: 'supply_00001',
      exists: true,
      offers: [
        {
          offerId: 'offer_00001_003',
          supplierId: 'supplier_003',
          stock: 40,
          minimumOrderQuantity: 5,
          unitPrice: { amountCents: 990, currency: 'EUR' },
        },
      ],
    });
    expect(listings.get('supply_99999')).toEqual({ supplyId: 'supply_99999', exists: false, offers: [] });
  });

  it('sends no identity token without a credential, and no request for no supplies', async () => {
    answer = (_path, body) => ({
      json: { data: { _entities: body.variables.representations.map((r) => ({ id: r.id, offers: [] })) } },
    });
    expect((await directory().listSupplies([])).size).toBe(0);
    expect(received).toHaveLength(0);
    await directory().listSupplies(['supply_00002']);
    expect(received.map((r) => r.token)).toEqual([undefined, undefined]);
  });

  it('is unavailable when a subgraph answers with GraphQL errors or a non-200 status', async () => {
    answer = (path) =>
      path === '/catalog'
        ? { json: { data: null, errors: [{ message: 'boom' }] } }
        : { json: { data: { _entities: [{ offers: [] }] } } };
    await expect(directory().listSupplies(['supply_00001'])).rejects.toMatchObject({
      subgraph: 'catalog',
      message: expect.stringContaining('boom'),
    });
    answer = (path) =>
      path === '/suppliers' ? { status: 502, json: {} } : { json: { data: { _entities: [{ id: 'supply_00001' }] } } };
    await expect(directory().listSupplies(['supply_00001'])).rejects.toMatchObject({
      subgraph: 'suppliers',
      message: expect.stringContaining('502'),
    });
  });

  it('is unavailable when a subgraph does not answer within the timeout', async () => {
    answer = (path) =>
      path === '/suppliers' ? { hang: true } : { json: { data: { _entities: [{ id: 'supply_00001' }] } } };
    const started = Date.now();
    const error = await directory({ timeoutMs: 150 })
      .listSupplies(['supply_00001'])
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DirectoryUnavailableError);
    expect(error).toMatchObject({ subgraph: 'suppliers', message: expect.stringContaining('within 150 ms') });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('is unavailable when a subgraph cannot be reached', async () => {
    answer = () => ({ json: { data: { _entities: [{ id: 'supply_00001', offers: [] }] } } });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/graphql`;
    await new Promise((resolve) => closed.close(resolve));
    await expect(directory({ catalogUrl: url }).listSupplies(['supply_00001'])).rejects.toMatchObject({
      subgraph: 'catalog',
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });
});
