import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { productsSubgraph, reviewsSubgraph } from './fixtures';
import { startGateway, startSubgraph, waitFor } from './harness';

describe('graceful shutdown', () => {
  it('drains an in-flight slow request, then refuses new connections', async () => {
    const products = await startSubgraph(productsSubgraph());
    products.delayMs = 400;
    const gw = await startGateway([products], { SHUTDOWN_GRACE_MS: '5000' });
    try {
      const slow = gw.query('{ products { id } }');
      await waitFor(() => products.received.length === 1);
      const closing = gw.gateway.close();
      const { status, body } = await slow;
      expect(status).toBe(200);
      expect(body.data).toEqual({ products: [{ id: 'p1' }, { id: 'p2' }, { id: 'p3' }] });
      await closing;
      await expect(fetch(`${gw.base}/health`)).rejects.toThrow();
    } finally {
      await gw.close();
      await products.stop();
    }
  });

  it('cuts requests still running when the grace period ends', async () => {
    const products = await startSubgraph(productsSubgraph());
    products.delayMs = 3_000;
    const gw = await startGateway([products], { SHUTDOWN_GRACE_MS: '200' });
    try {
      const slow = gw.query('{ products { id } }').then(
        () => 'answered',
        () => 'cut',
      );
      await waitFor(() => products.received.length === 1);
      const started = Date.now();
      await gw.gateway.close();
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(await slow).toBe('cut');
    } finally {
      await gw.close();
      await products.stop();
    }
  });
});

describe('outbound calls', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('contacts nothing but the subgraphs (no Apollo usage reporting, telemetry or cloud probing)', async () => {
    const contacted: string[] = [];
    const connect = Socket.prototype.connect;
    vi.spyOn(Socket.prototype, 'connect').mockImplementation(function (this: Socket, ...args: unknown[]) {
      // `net.connect` passes normalized `[options, callback]`; direct callers pass `(options)` or `(port, host)`.
      const first = Array.isArray(args[0]) ? args[0][0] : args[0];
      const target: { port?: unknown; host?: unknown; path?: unknown } =
        typeof first === 'object' && first !== null ? first : { port: first, host: args[1] };
      contacted.push(`${String(target.host ?? 'localhost')}:${String(target.port ?? target.path)}`);
      return Reflect.apply(connect, this, args);
    } as typeof connect);
    // Apollo's cloud detectors and usage reporting would start on timers after load: the clock runs as usual, and
    // the test then moves it a minute ahead, so every such timer has fired before the connections are read.
    vi.useFakeTimers({
      shouldAdvanceTime: true,
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    });

    const products = await startSubgraph(productsSubgraph());
    const reviews = await startSubgraph(reviewsSubgraph());
    const gw = await startGateway([products, reviews], {
      APOLLO_KEY: 'service:fake:key',
      APOLLO_GRAPH_REF: 'fake@prod',
    });
    try {
      await gw.query('{ products { id reviewCount } }');
      await gw.query('{ reviews { product { name } } }');
      await vi.advanceTimersByTimeAsync(60_000);
    } finally {
      vi.useRealTimers();
      await gw.close();
      await products.stop();
      await reviews.stop();
    }
    const gatewayPort = Number(new URL(gw.url).port);
    const allowed = new Set([products.port, reviews.port, gatewayPort].map((port) => `127.0.0.1:${port}`));
    expect(contacted.length).toBeGreaterThan(0);
    expect(contacted.filter((target) => !allowed.has(target))).toEqual([]);
  });
});

describe('OpenTelemetry', () => {
  it('exports request, planning and subgraph fetch spans over OTLP/HTTP when an endpoint is set', async () => {
    const bodies: string[] = [];
    const collector = createServer((request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        bodies.push(Buffer.concat(chunks).toString('utf8'));
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    const products = await startSubgraph(productsSubgraph());
    const gw = await startGateway([products], { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
    try {
      const traceId = '0af7651916cd43dd8448eb211c80319c';
      await gw.query('{ products { id } }', { headers: { traceparent: `00-${traceId}-b7ad6b7169203331-01` } });
      expect(products.received[0]?.headers.traceparent).toMatch(new RegExp(`^00-${traceId}-`));
    } finally {
      await gw.close(); // flushes the batch
      await products.stop();
      await new Promise((resolve) => collector.close(resolve));
    }
    const exported = bodies.join('\n');
    for (const name of ['graphql.request', 'gateway.plan', 'gateway.fetch', 'subgraph products']) {
      expect(exported).toContain(`"${name}"`);
    }
  });
});
