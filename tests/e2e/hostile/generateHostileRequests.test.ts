import { describe, expect, it } from 'vitest';
import { checkAnswer } from './checkAnswer';
import { BASE_COUNTS, generateHostileRequests } from './generateHostileRequests';
import { ourGraph } from './seedGraphs';
import { parseRawResponse, serializeRequest } from './sendRawRequest';

const credentials = { jwtSecret: 's'.repeat(40), apiKey: 'k'.repeat(20), nowSeconds: 1_800_000_000 };
const wire = (seed: number) =>
  [...generateHostileRequests({ seed, graph: ourGraph, credentials, scale: 0.05 })].map((request) =>
    serializeRequest(request, 'h').toString('latin1'),
  );
const json = (status: number, body: unknown) => ({ status, headers: {}, body: JSON.stringify(body) });

describe('generateHostileRequests', () => {
  it('generates the same bytes for the same seed, and others for another seed', () => {
    const first = wire(7);
    expect(wire(7)).toEqual(first);
    expect(wire(8)).not.toEqual(first);
  });

  it('covers every category at full scale with more than 1,600 requests per graph', () => {
    const requests = [...generateHostileRequests({ seed: 1, graph: ourGraph, credentials })];
    expect(requests).toHaveLength(Object.values(BASE_COUNTS).reduce((a, b) => a + b, 0));
    expect(new Set(requests.map((request) => request.category))).toEqual(new Set(Object.keys(BASE_COUNTS)));
  });
});

describe('checkAnswer', () => {
  it('accepts coded refusals and answers with data', () => {
    expect(
      checkAnswer(json(400, { errors: [{ message: 'x', extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] })),
    ).toBeUndefined();
    expect(
      checkAnswer(
        json(200, {
          data: { a: null },
          errors: [{ message: 'x', extensions: { code: 'NOT_FOUND', serviceName: 'orders' } }],
        }),
      ),
    ).toBeUndefined();
  });

  it('names 5xx, uncoded, unknown and internal errors, and bodies that are not JSON', () => {
    expect(checkAnswer(json(500, { errors: [] }))).toBe('HTTP 500');
    expect(checkAnswer(json(400, { errors: [{ message: 'x' }] }))).toMatch(/without a code/);
    expect(checkAnswer(json(400, { errors: [{ message: 'x', extensions: { code: 'MADE_UP' } }] }))).toMatch(
      /not in the gateway's catalogue/,
    );
    expect(
      checkAnswer(
        json(200, {
          data: null,
          errors: [{ message: 'x', extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'a' } }],
        }),
      ),
    ).toMatch(/INTERNAL_SERVER_ERROR/);
    expect(
      checkAnswer(parseRawResponse(Buffer.from('HTTP/1.1 417 Expectation Failed\r\ncontent-length: 0\r\n\r\n'))),
    ).toMatch(/not JSON/);
    expect(checkAnswer({ status: 0, headers: {}, body: '', failure: 'closed' })).toBe('no answer (closed)');
  });

  it('reads an answer after an interim 100 Continue, and a chunked body', () => {
    const raw =
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\n{"dat\r\n8\r\na":null}\r\n0\r\n\r\n';
    expect(parseRawResponse(Buffer.from(raw))).toEqual({
      status: 200,
      headers: { 'transfer-encoding': 'chunked' },
      body: '{"data":null}',
    });
  });
});
