import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP proxy in front of the registry's usage endpoint that can lose the registry's answers. */
export interface LossyUsageProxy {
  /** The base URL to give the gateway as `USAGE_REGISTRY_URL`. */
  url: string;
  /**
   * Makes the next `count` usage reports the registry accepts lose their answer: the report is forwarded and stored,
   * then the gateway's connection is cut instead of answered, as when a load balancer times out.
   */
  loseAnswers(count: number): void;
  /** Answers lost so far. */
  readonly answersLost: number;
  close(): Promise<void>;
}

function readAll(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Forwards every request to `targetUrl()` (read per request, so a restarted registry is followed). */
export async function startLossyUsageProxy(targetUrl: () => string): Promise<LossyUsageProxy> {
  let toLose = 0;
  let lost = 0;
  const server = createServer(async (request, response) => {
    try {
      const body = await readAll(request);
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(
          (entry): entry is [string, string] =>
            typeof entry[1] === 'string' && entry[0] !== 'host' && entry[0] !== 'connection',
        ),
      );
      const upstream = await fetch(new URL(request.url ?? '/', targetUrl()), {
        method: request.method,
        headers,
        body: request.method === 'GET' || request.method === 'HEAD' ? undefined : body,
      });
      const answer = Buffer.from(await upstream.arrayBuffer());
      if (toLose > 0 && request.url === '/v1/usage' && upstream.status === 202) {
        toLose--;
        lost++;
        request.socket.destroy();
        return;
      }
      response.writeHead(upstream.status, {
        'content-type': upstream.headers.get('content-type') ?? 'application/json',
      });
      response.end(answer);
    } catch {
      response.writeHead(502, { 'content-type': 'application/json', connection: 'close' });
      response.end(JSON.stringify({ error: { code: 'BAD_GATEWAY', message: 'The registry did not answer.' } }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    loseAnswers(count) {
      toLose += count;
    },
    get answersLost() {
      return lost;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
