import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productsSubgraph, reviewsSubgraph } from './fixtures';
import { createLogCapture, startGateway, startSubgraph, type TestGateway, type TestSubgraph } from './harness';

interface Answer {
  status: number;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

// A plain third-party-style graph (products + reviews, no @cost, @listSize or auth directives).
describe('client mistakes answer 4xx with a catalogue code', () => {
  let subgraphs: TestSubgraph[];
  let gw: TestGateway;
  const logs = createLogCapture();

  async function post(body: unknown): Promise<Answer> {
    const response = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  }

  const codes = (answer: Answer) => answer.body.errors?.map((error) => error.extensions?.code);

  beforeAll(async () => {
    subgraphs = [await startSubgraph(productsSubgraph()), await startSubgraph(reviewsSubgraph())];
    gw = await startGateway(subgraphs, {}, { logger: logs.logger });
  });
  afterAll(async () => {
    await gw?.close();
    await Promise.all(subgraphs.map((subgraph) => subgraph.stop()));
  });

  it('an unknown operationName is 400 OPERATION_NAME_NOT_FOUND naming it', async () => {
    const answer = await post({ query: 'query A { products { id } }', operationName: 'Nope' });
    expect(answer.status).toBe(400);
    expect(codes(answer)).toEqual(['OPERATION_NAME_NOT_FOUND']);
    expect(answer.body.errors?.[0]?.message).toContain('"Nope"');
  });

  it('an empty operationName is 400 OPERATION_NAME_NOT_FOUND', async () => {
    const answer = await post({ query: '{ products { id } }', operationName: '' });
    expect(answer.status).toBe(400);
    expect(codes(answer)).toEqual(['OPERATION_NAME_NOT_FOUND']);
  });

  it('two operations without an operationName are 400 OPERATION_NAME_REQUIRED listing the names', async () => {
    const answer = await post({ query: 'query A { products { id } } query B { reviews { id } }' });
    expect(answer.status).toBe(400);
    expect(codes(answer)).toEqual(['OPERATION_NAME_REQUIRED']);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ operations: ['A', 'B'] });
  });

  it('the named operation of several still runs', async () => {
    const answer = await post({ query: 'query A { products { id } } query B { reviews { id } }', operationName: 'B' });
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
  });

  it('a subscription on a graph without a subscription root is 400 OPERATION_TYPE_NOT_SUPPORTED', async () => {
    const answer = await post({ query: 'subscription { products { id } }' });
    expect(answer.status).toBe(400);
    expect(codes(answer)).toEqual(['OPERATION_TYPE_NOT_SUPPORTED']);
  });

  it('a persisted query hash that does not match is 400 PERSISTED_QUERY_HASH_MISMATCH', async () => {
    const answer = await post({
      query: '{ products { id } }',
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ other }') } },
    });
    expect(answer.status).toBe(400);
    expect(codes(answer)).toEqual(['PERSISTED_QUERY_HASH_MISMATCH']);
  });

  it('an unsupported persisted query version is 400 PERSISTED_QUERY_VERSION_NOT_SUPPORTED', async () => {
    const query = '{ products { id } }';
    const answer = await post({ query, extensions: { persistedQuery: { version: 2, sha256Hash: sha256(query) } } });
    expect(answer.status).toBe(400);
    expect(codes(answer)).toEqual(['PERSISTED_QUERY_VERSION_NOT_SUPPORTED']);
  });

  it('an unknown persisted query is PERSISTED_QUERY_NOT_FOUND, and registering it then works', async () => {
    const query = '{ products { name } }';
    const persistedQuery = { version: 1, sha256Hash: sha256(query) };
    const missing = await post({ extensions: { persistedQuery } });
    // Apollo's APQ protocol: clients retry with the query on this code, and the answer must not be cached.
    expect(missing.status).toBe(200);
    expect(codes(missing)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect((await post({ query, extensions: { persistedQuery } })).status).toBe(200);
    const hit = await post({ extensions: { persistedQuery } });
    expect(hit.body.data).toMatchObject({ products: [{ name: 'Scalpel' }, { name: 'Gauze' }, { name: 'Syringe' }] });
  });

  it('logs none of these at error level', () => {
    expect(logs.lines.filter((line) => Number(line.level) >= 50)).toEqual([]);
  });
});
