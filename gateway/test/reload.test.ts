import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupergraphSource, SupergraphUpdate } from '../src/supergraph/source';
import { loadConfig } from '../src/config';
import { createGateway } from '../src/server';
import { createLogger } from '../src/logger';
import { PRODUCTS_V1, PRODUCTS_V2, productsSubgraph, reviewsSubgraph } from './fixtures';
import {
  composeSupergraph,
  createLogCapture,
  startGateway,
  startSubgraph,
  type TestGateway,
  type TestSubgraph,
  waitFor,
} from './harness';

describe('supergraph hot reload from a file', () => {
  let subgraphs: TestSubgraph[];
  let gw: TestGateway;
  const logs = createLogCapture();

  beforeAll(async () => {
    // The products subgraph already serves v2 (deployed first); the supergraph starts at v1.
    subgraphs = [await startSubgraph(productsSubgraph(PRODUCTS_V2)), await startSubgraph(reviewsSubgraph())];
    const [products, reviews] = subgraphs as [TestSubgraph, TestSubgraph];
    gw = await startGateway([{ ...products, typeDefs: PRODUCTS_V1 }, reviews], {}, { logger: logs.logger });
  });
  afterAll(async () => {
    await gw?.close();
    await Promise.all(subgraphs.map((subgraph) => subgraph.stop()));
  });

  it('swaps to a new supergraph under a stream of concurrent requests, none failing', async () => {
    const before = gw.gateway.getSupergraph().id;
    const [products, reviews] = subgraphs as [TestSubgraph, TestSubgraph];
    const v2 = composeSupergraph([products, reviews]);
    expect((await gw.query('{ product(id: "p1") { price } }')).status).toBe(400);
    let running = true;
    const results: Array<{ status: number; errors: unknown }> = [];
    const worker = async () => {
      while (running) {
        const { status, body } = await gw.query('{ reviews { body product { name reviewCount } } }');
        results.push({ status, errors: body.errors });
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    // The stream is under way before the swap (two answers per worker on average).
    await waitFor(() => results.length >= 16);
    await gw.writeSupergraph(v2);
    await waitFor(() => gw.gateway.getSupergraph().id !== before);
    const atSwap = results.length;
    // Requests after the swap are counted, not timed, so a loaded machine cannot make the stream too short.
    await waitFor(() => results.length >= Math.max(21, atSwap + 8), 20_000);
    running = false;
    await Promise.all(workers);

    expect(results.length).toBeGreaterThan(20);
    expect(results.filter((result) => result.status !== 200 || result.errors)).toEqual([]);
    // The new field is served once the swap is done.
    const { body } = await gw.query('{ product(id: "p1") { name price } }');
    expect(body.data).toEqual({ product: { name: 'Scalpel', price: 12.5 } });
  });

  it('rejects an invalid supergraph with a log line and keeps serving the previous one', async () => {
    const serving = gw.gateway.getSupergraph().id;
    await gw.writeSupergraph('this is not a supergraph {');
    await waitFor(() =>
      logs.lines.some((line) => line.msg === 'rejected an invalid supergraph; still serving the previous one'),
    );
    expect(gw.gateway.getSupergraph().id).toBe(serving);
    const { status, body } = await gw.query('{ products { id } }');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(logs.lines.find((line) => line.rejected)).toMatchObject({ serving, errors: [expect.any(String)] });
  });

  it('rejects a supergraph that parses but does not validate', async () => {
    const serving = gw.gateway.getSupergraph().id;
    const valid = composeSupergraph(subgraphs);
    expect(valid).toContain('@join__field(graph: REVIEWS');
    // Point a field at a subgraph the supergraph does not declare.
    const broken = valid.replace(/@join__field\(graph: REVIEWS/, '@join__field(graph: NOWHERE');
    expect(broken).not.toBe(valid);
    const rejectedBefore = logs.lines.filter((line) => line.rejected).length;
    await gw.writeSupergraph(broken);
    await waitFor(() => logs.lines.filter((line) => line.rejected).length > rejectedBefore);
    expect(gw.gateway.getSupergraph().id).toBe(serving);
    expect((await gw.query('{ reviews { id } }')).body.errors).toBeUndefined();
  });
});

describe('readiness before the first supergraph', () => {
  it('answers /ready 503 and /graphql 503 SUPERGRAPH_NOT_READY until a supergraph is loaded', async () => {
    const products = await startSubgraph(productsSubgraph());
    let release: (update: SupergraphUpdate) => void = () => {};
    const source: SupergraphSource = {
      start: () => new Promise((resolve) => (release = resolve)),
      stop: async () => {},
    };
    const config = loadConfig({ SUPERGRAPH: 'unused.graphql', PORT: '0', HOST: '127.0.0.1', BUDGETS_ENABLED: 'false' });
    const gateway = createGateway(config, { source, logger: createLogger('silent') });
    const listening = gateway.listen();
    await waitFor(() => gateway.httpServer.listening);
    const port = (gateway.httpServer.address() as { port: number }).port;
    const base = `http://127.0.0.1:${port}`;
    try {
      expect((await fetch(`${base}/health`)).status).toBe(200);
      expect((await fetch(`${base}/ready`)).status).toBe(503);
      const early = await fetch(`${base}/graphql?query=%7B__typename%7D`);
      expect(early.status).toBe(503);
      expect(await early.json()).toEqual({
        errors: [expect.objectContaining({ extensions: { code: 'SUPERGRAPH_NOT_READY' } })],
      });
      const sdl = composeSupergraph([products]);
      release({ sdl, id: 'v1' });
      await listening;
      expect((await fetch(`${base}/ready`)).status).toBe(200);
      expect((await fetch(`${base}/graphql?query=%7B__typename%7D`)).status).toBe(200);
    } finally {
      await gateway.close();
      await products.stop();
    }
  });

  it('fails to start on an invalid first supergraph', async () => {
    const source: SupergraphSource = {
      start: async () => ({ sdl: 'type Query { a: Int }', id: 'bad' }),
      stop: async () => {},
    };
    const config = loadConfig({ SUPERGRAPH: 'unused.graphql', PORT: '0', HOST: '127.0.0.1' });
    const gateway = createGateway(config, { source, logger: createLogger('silent') });
    await expect(gateway.listen()).rejects.toThrow(/invalid/);
    expect(gateway.httpServer.listening).toBe(false);
  });
});
