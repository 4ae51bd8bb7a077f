import { Lexer, TypeInfo } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { productsSubgraph } from './fixtures';
import { startGateway, startSubgraph, type TestGateway, type TestSubgraph } from './harness';

// A plain third-party-style graph, every limit at its default (MAX_TOKENS 5000).
describe('MAX_TOKENS', () => {
  let products: TestSubgraph;
  let gw: TestGateway;

  beforeAll(async () => {
    products = await startSubgraph(productsSubgraph());
    gw = await startGateway([products]);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await gw?.close();
    await products.stop();
  });

  it('refuses a document of 40,000 fields with 400 TOKEN_LIMIT_EXCEEDED, having lexed only up to the limit and validated nothing', async () => {
    // The gateway runs in this process: graphql's lexer and the TypeInfo every validation walks with are the ones
    // Apollo uses.
    const lexed = vi.spyOn(Lexer.prototype, 'advance');
    const validated = vi.spyOn(TypeInfo.prototype, 'enter');
    const { status, body } = await gw.query(`{ products { ${'name '.repeat(40_000)}} }`);
    expect(status).toBe(400);
    expect(body).toEqual({
      errors: [
        {
          message: 'Operation has at least 5001 tokens; the limit is 5000.',
          extensions: { code: 'TOKEN_LIMIT_EXCEEDED', limit: 5000, measured: 5001 },
        },
      ],
    });
    // 40,003 tokens in the document; a full parse would lex every one.
    expect(lexed.mock.calls.length).toBeLessThanOrEqual(5002);
    expect(validated).not.toHaveBeenCalled();
    expect(products.received).toEqual([]);
  });
});
