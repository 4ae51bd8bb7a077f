import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productsSubgraph } from './fixtures';
import { startGateway, startSubgraph, type TestGateway, type TestSubgraph } from './harness';

/** Opens a raw connection, writes `first`, then `trickle` every 20 ms (if given); resolves with all it read once the server closes it. */
function rawExchange(port: number, first: string, trickle?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let timer: NodeJS.Timeout | undefined;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      clearInterval(timer);
      resolve(received);
    });
    socket.write(first);
    if (trickle) timer = setInterval(() => socket.writable && socket.write(trickle), 20);
  });
}

function parseRaw(raw: string): { status: number; headers: string; body: unknown } {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body: body ? JSON.parse(body) : null };
}

// A plain third-party-style graph (no @cost, @listSize or auth directives).
describe('HTTP limits before any GraphQL work', () => {
  let products: TestSubgraph;
  let gw: TestGateway;
  let port: number;

  beforeAll(async () => {
    products = await startSubgraph(productsSubgraph());
    gw = await startGateway([products], {
      MAX_BODY_BYTES: '2048',
      HEADERS_TIMEOUT_MS: '300',
      REQUEST_TIMEOUT_MS: '600',
    });
    port = Number(new URL(gw.url).port);
  });
  afterAll(async () => {
    await gw?.close();
    await products.stop();
  });

  it('drops a client that sends its headers slowly with 408 REQUEST_TIMEOUT as JSON', async () => {
    const raw = await rawExchange(port, 'GET /graphql HTTP/1.1\r\nhost: localhost\r\n', 'x-slow: 1\r\n');
    const { status, headers, body } = parseRaw(raw);
    expect(status).toBe(408);
    expect(headers).toContain('content-type: application/json');
    expect(body).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'REQUEST_TIMEOUT' } }] });
  });

  it('drops a client that trickles its body with 408 REQUEST_TIMEOUT', async () => {
    const raw = await rawExchange(
      port,
      'POST /graphql HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\ncontent-length: 2000\r\n\r\n{',
      ' ',
    );
    // The handler is still reading the body, so no response has started: Node's timeout answers.
    expect(parseRaw(raw)).toMatchObject({
      status: 408,
      body: { errors: [{ extensions: { code: 'REQUEST_TIMEOUT' } }] },
    });
  });

  it('answers malformed HTTP with 400 BAD_REQUEST as JSON', async () => {
    const raw = await rawExchange(port, 'NOT HTTP AT ALL\r\n\r\n');
    expect(parseRaw(raw)).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'BAD_REQUEST' } }] } });
  });

  it('answers oversized headers with 431 REQUEST_HEADER_FIELDS_TOO_LARGE as JSON', async () => {
    const response = await fetch(gw.url, { headers: { 'x-big': 'a'.repeat(20_000) } });
    expect(response.status).toBe(431);
    expect(await response.json()).toMatchObject({
      errors: [{ extensions: { code: 'REQUEST_HEADER_FIELDS_TOO_LARGE' } }],
    });
  });

  it('answers an expectation it cannot meet with 417 EXPECTATION_FAILED as JSON, not a bare status line', async () => {
    const raw = await rawExchange(
      port,
      'POST /graphql HTTP/1.1\r\nhost: localhost\r\nexpect: teapot\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}',
    );
    const { status, headers, body } = parseRaw(raw);
    expect(status).toBe(417);
    expect(headers).toContain('content-type: application/json');
    expect(body).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'EXPECTATION_FAILED' } }] });
  });

  it('refuses a GET query string over MAX_BODY_BYTES with 413 REQUEST_TOO_LARGE, as a body would be', async () => {
    const query = encodeURIComponent(`{ products { id } } # ${'x'.repeat(3000)}`);
    const response = await fetch(`${gw.url}?query=${query}`);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'REQUEST_TOO_LARGE' } }] });
    const small = await fetch(`${gw.url}?query=${encodeURIComponent('{ products { id } }')}`);
    expect(small.status).toBe(200);
  });
});
