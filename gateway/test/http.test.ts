import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productsSubgraph, reviewsSubgraph } from './fixtures';
import { startGateway, startSubgraph, type TestGateway, type TestSubgraph } from './harness';

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

describe('the gateway over HTTP', () => {
  let subgraphs: TestSubgraph[];
  let gw: TestGateway;

  beforeAll(async () => {
    subgraphs = [await startSubgraph(productsSubgraph()), await startSubgraph(reviewsSubgraph())];
    gw = await startGateway(subgraphs, { MAX_BODY_BYTES: '2048' });
  });
  afterAll(async () => {
    await gw?.close();
    await Promise.all(subgraphs.map((subgraph) => subgraph.stop()));
  });

  it('answers a POST query across two subgraphs', async () => {
    const { status, body } = await gw.query('{ products { id name reviewCount } }');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      products: [
        { id: 'p1', name: 'Scalpel', reviewCount: 4 },
        { id: 'p2', name: 'Gauze', reviewCount: 2 },
        { id: 'p3', name: 'Syringe', reviewCount: 0 },
      ],
    });
  });

  it('answers GET queries and negotiates the media type from Accept', async () => {
    const query = encodeURIComponent('{ product(id: "p2") { name } }');
    const graphqlResponse = await fetch(`${gw.url}?query=${query}`, { headers: { accept: GRAPHQL_RESPONSE } });
    expect(graphqlResponse.status).toBe(200);
    expect(graphqlResponse.headers.get('content-type')).toContain(GRAPHQL_RESPONSE);
    expect(await graphqlResponse.json()).toMatchObject({ data: { product: { name: 'Gauze' } } });

    const json = await fetch(`${gw.url}?query=${query}`, { headers: { accept: 'application/json' } });
    expect(json.headers.get('content-type')).toContain('application/json');
    expect(await json.json()).toMatchObject({ data: { product: { name: 'Gauze' } } });
  });

  it('answers POST with application/graphql-response+json when asked', async () => {
    const { headers } = await gw.query('{ products { id } }', { headers: { accept: GRAPHQL_RESPONSE } });
    expect(headers.get('content-type')).toContain(GRAPHQL_RESPONSE);
  });

  it('refuses mutations over GET', async () => {
    const query = encodeURIComponent('mutation { touch(id: "p1") }');
    const response = await fetch(`${gw.url}?query=${query}`);
    expect(response.status).toBe(405);
    const post = await gw.query('mutation { touch(id: "p1") }');
    expect(post.body).toMatchObject({ data: { touch: true } });
    expect(post.body.errors).toBeUndefined();
  });

  it('refuses a body over MAX_BODY_BYTES with 413 REQUEST_TOO_LARGE and keeps serving', async () => {
    const big = JSON.stringify({ query: `{ products { id } } # ${'x'.repeat(5000)}` });
    const response = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [expect.objectContaining({ extensions: { code: 'REQUEST_TOO_LARGE' } })],
    });
    const chunked = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect((await gw.query('{ products { id } }')).status).toBe(200);
  });

  it('answers malformed JSON with 400 BAD_REQUEST as a GraphQL error', async () => {
    const response = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_REQUEST' } })]);
    expect(body.errors[0]?.message).toMatch(/not valid JSON/);
  });

  it('hides internal error messages and stacks behind INTERNAL_SERVER_ERROR', async () => {
    const { body } = await gw.query('{ leaky }');
    expect(JSON.stringify(body)).not.toMatch(/hunter2|stacktrace|ECONNREFUSED/);
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'Internal server error',
        extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'products' },
      }),
    ]);
  });

  it('keeps Apollo validation codes', async () => {
    const { status, body } = await gw.query('{ nope }');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('serves /health, /ready and /metrics', async () => {
    const health = await fetch(`${gw.base}/health`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${gw.base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', supergraph: gw.gateway.getSupergraph().id });
    const metrics = await (await fetch(`${gw.base}/metrics`)).text();
    expect(metrics).toMatch(/switchyard_requests_total\{operation_type="query",outcome="success"\} \d+/);
    expect(metrics).toMatch(/switchyard_errors_total\{code="REQUEST_TOO_LARGE"\} [1-9]/);
    expect(metrics).toMatch(/switchyard_errors_total\{code="BAD_REQUEST"\} [1-9]/);
    expect(metrics).toMatch(
      /switchyard_subgraph_fetch_duration_seconds_count\{subgraph="reviews",outcome="ok"\} [1-9]/,
    );
    expect(metrics).toMatch(/switchyard_request_duration_seconds_count [1-9]/);
    const missing = await fetch(`${gw.base}/nothing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      errors: [{ message: expect.stringContaining('/graphql'), extensions: { code: 'NOT_FOUND' } }],
    });
  });
});
