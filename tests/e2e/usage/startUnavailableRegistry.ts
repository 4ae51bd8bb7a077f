import { createServer } from 'node:http';

/** A stand-in on a stopped registry's port, as a load balancer with no registry behind it would answer. */
export interface UnavailableRegistry {
  /** Usage reports (`POST /v1/usage`) refused so far. */
  readonly usageAttempts: number;
  close(): Promise<void>;
}

/**
 * Listens on `port` and answers every request `503 Service Unavailable` without reading it, counting the usage
 * reports it refuses: a test can then wait until the gateway has really tried, and failed, to deliver while the
 * registry was away, instead of hoping a sleep was long enough.
 */
export async function startUnavailableRegistry(port: number): Promise<UnavailableRegistry> {
  let usageAttempts = 0;
  const server = createServer((request, response) => {
    if (request.method === 'POST' && request.url === '/v1/usage') usageAttempts++;
    request.resume();
    response.writeHead(503, { 'content-type': 'application/json', connection: 'close' });
    response.end(JSON.stringify({ errors: [{ message: 'The registry is unavailable.' }] }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    get usageAttempts() {
      return usageAttempts;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
