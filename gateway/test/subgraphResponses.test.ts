import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { ConfigError } from '../src/errors';
import { productsSubgraph } from './fixtures';
import { startGateway, startSubgraph, type TestGateway, type TestSubgraph, waitFor } from './harness';
import { type RawSubgraph, type StreamEnd, startRawSubgraph, streamLargeResponse } from './rawSubgraph';

// A plain third-party-style graph: products (fixtures) beside a hand-written subgraph, no @cost/@listSize/auth.
const BULK = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query {
    blob: String
    guarded: String
  }
`;

const PRODUCTS = [
  { id: 'p1', name: 'Scalpel' },
  { id: 'p2', name: 'Gauze' },
  { id: 'p3', name: 'Syringe' },
];

const LIMIT = 64 * 1024;

function answerJson(body: unknown) {
  return (_request: unknown, response: import('node:http').ServerResponse) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
}

describe('subgraph responses', () => {
  let products: TestSubgraph;
  let bulk: RawSubgraph;
  let limited: TestGateway;
  let perSubgraph: TestGateway;
  let redacting: TestGateway;
  let unshared: TestGateway;

  beforeAll(async () => {
    products = await startSubgraph(productsSubgraph());
    bulk = await startRawSubgraph('bulk', BULK);
    limited = await startGateway([products, bulk], { SUBGRAPH_MAX_RESPONSE_BYTES: String(LIMIT) });
    perSubgraph = await startGateway([products, bulk], { SUBGRAPH_MAX_RESPONSE_SIZES: '{"bulk": 1024}' });
    redacting = await startGateway([products, bulk], { SUBGRAPH_ERRORS: 'redact' });
    unshared = await startGateway([products, bulk], { SUBGRAPH_DEDUPLICATION: 'false' });
  });
  afterAll(async () => {
    await limited?.close();
    await perSubgraph?.close();
    await redacting?.close();
    await unshared?.close();
    await products.stop();
    await bulk.stop();
  });

  it('reads at most 32 MiB of a subgraph response and passes subgraph errors by default', () => {
    const { subgraphs } = loadConfig({ SUPERGRAPH: 'supergraph.graphql' });
    expect(subgraphs).toMatchObject({ maxResponseBytes: 32 * 1024 * 1024, maxResponseSizes: {}, errors: 'pass' });
    expect(() => loadConfig({ SUPERGRAPH: 'supergraph.graphql', SUBGRAPH_ERRORS: 'hide' })).toThrow(ConfigError);
  });

  it('cuts off a subgraph streaming past the limit: SUBGRAPH_RESPONSE_TOO_LARGE, partial data, sender stopped', async () => {
    let streamed: Promise<StreamEnd> | undefined;
    bulk.handle = (_request, response) => {
      streamed = streamLargeResponse(response, 'blob', 256 * 1024 * 1024);
    };
    const { status, body } = await limited.query('{ products { id name } blob }');
    expect(status).toBe(200);
    expect(body.data).toEqual({ products: PRODUCTS, blob: null });
    expect(body.errors).toEqual([
      {
        message: `Subgraph "bulk" answered more than ${LIMIT} bytes; the response was not read.`,
        extensions: {
          code: 'SUBGRAPH_RESPONSE_TOO_LARGE',
          subgraph: 'bulk',
          maxResponseBytes: LIMIT,
          serviceName: 'bulk',
        },
      },
    ]);
    // The gateway hung up: the subgraph's socket closed long before its 256 MiB were sent.
    const end = await streamed;
    expect(end?.finished).toBe(false);
    expect(end?.bytesWritten).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a Content-Length over the limit before reading any of the body', async () => {
    let closed: Promise<boolean> | undefined;
    bulk.handle = (_request, response) => {
      closed = new Promise((resolve) => response.once('close', () => resolve(response.writableFinished)));
      // Headers only: a gateway that waited for the body would wait until its timeout.
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(LIMIT + 1) });
      response.flushHeaders();
    };
    const { body } = await limited.query('{ products { id } blob }');
    expect(body.data).toEqual({ products: PRODUCTS.map(({ id }) => ({ id })), blob: null });
    expect(body.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'SUBGRAPH_RESPONSE_TOO_LARGE' }) }),
    ]);
    expect(await closed).toBe(false);
  });

  it('applies a per-subgraph limit from SUBGRAPH_MAX_RESPONSE_SIZES', async () => {
    bulk.handle = answerJson({ data: { blob: 'x'.repeat(2048) } });
    const over = await perSubgraph.query('{ products { id } blob }');
    expect(over.body.data).toEqual({ products: PRODUCTS.map(({ id }) => ({ id })), blob: null });
    expect(over.body.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'SUBGRAPH_RESPONSE_TOO_LARGE', maxResponseBytes: 1024 }),
      }),
    ]);
    bulk.handle = answerJson({ data: { blob: 'x'.repeat(512) } });
    const under = await perSubgraph.query('{ blob }');
    expect(under.body.data).toEqual({ blob: 'x'.repeat(512) });
    expect(under.body.errors).toBeUndefined();
  });

  it('gives every caller sharing an in-flight fetch the same SUBGRAPH_RESPONSE_TOO_LARGE', async () => {
    const before = bulk.requests;
    const shared = async () =>
      (await limited.gateway.metrics.subgraphDeduplicated.get()).values.find(
        (value) => value.labels.subgraph === 'bulk' && value.labels.kind === 'inflight',
      )?.value ?? 0;
    const sharedBefore = await shared();
    bulk.handle = async (_request, response) => {
      // Stream only once the second caller has joined this fetch.
      await waitFor(async () => (await shared()) > sharedBefore);
      void streamLargeResponse(response, 'blob', 256 * 1024 * 1024);
    };
    const responses = await Promise.all([limited.query('{ blob }'), limited.query('{ blob }')]);
    expect(bulk.requests - before).toBe(1);
    for (const { body } of responses) {
      expect(body.data).toEqual({ blob: null });
      expect(body.errors).toEqual([
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'SUBGRAPH_RESPONSE_TOO_LARGE' }) }),
      ]);
    }
  });

  it('with SUBGRAPH_DEDUPLICATION=false, sends each of two identical in-flight fetches', async () => {
    expect(loadConfig({ SUPERGRAPH: 'supergraph.graphql' }).subgraphs.deduplication).toBe(true);
    const before = bulk.requests;
    bulk.handle = async (_request, response) => {
      // Answer only once both fetches arrived: shared, the second would never come.
      await waitFor(() => bulk.requests - before >= 2);
      answerJson({ data: { blob: 'fresh' } })(_request, response);
    };
    const responses = await Promise.all([unshared.query('{ blob }'), unshared.query('{ blob }')]);
    expect(bulk.requests - before).toBe(2);
    expect(responses.map(({ body }) => body.data)).toEqual([{ blob: 'fresh' }, { blob: 'fresh' }]);
  });

  const subgraphErrors = {
    data: { guarded: null },
    errors: [
      {
        message: 'Clinic c-7 may not read this',
        locations: [{ line: 1, column: 3 }],
        path: ['guarded'],
        extensions: {
          code: 'FORBIDDEN',
          stacktrace: ['ForbiddenError: Clinic c-7 may not read this', '    at guard (/srv/orders/src/auth.ts:12:9)'],
          exception: { query: 'SELECT * FROM orders WHERE clinic_id = $1' },
          internalHost: 'orders-db.internal:5432',
        },
      },
    ],
  };

  it('passes a subgraph error with its message, path and code only', async () => {
    bulk.handle = answerJson(subgraphErrors);
    const { body } = await limited.query('{ products { id } guarded }');
    expect(body.data).toEqual({ products: PRODUCTS.map(({ id }) => ({ id })), guarded: null });
    expect(body.errors).toEqual([
      {
        message: 'Clinic c-7 may not read this',
        path: ['guarded'],
        extensions: { code: 'FORBIDDEN', serviceName: 'bulk' },
      },
    ]);
  });

  it('with SUBGRAPH_ERRORS=redact, replaces the message with one naming the subgraph and the code', async () => {
    bulk.handle = answerJson(subgraphErrors);
    const { body } = await redacting.query('{ products { id } guarded }');
    expect(body.data).toEqual({ products: PRODUCTS.map(({ id }) => ({ id })), guarded: null });
    expect(body.errors).toEqual([
      {
        message: "Subgraph 'bulk' error (FORBIDDEN)",
        path: ['guarded'],
        extensions: { code: 'FORBIDDEN', serviceName: 'bulk' },
      },
    ]);
  });
});
