import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A round-robin HTTP load balancer in front of registry replicas. */
export interface Balancer {
  url: string;
  /** Requests each target answered, by target URL. */
  answered: Map<string, number>;
  close(): Promise<void>;
}

/**
 * Forwards each request to the next target in turn; when a target refuses the connection or drops it before
 * answering, the request goes to the next one (what a load balancer's health-checked pool does). Bodies are
 * buffered so a request can be sent again.
 */
export async function startBalancer(targets: readonly string[]): Promise<Balancer> {
  let next = 0;
  const answered = new Map<string, number>(targets.map((target) => [target, 0]));
  const forward = (
    target: string,
    method: string,
    path: string,
    headers: Record<string, string | string[] | undefined>,
    body: Buffer,
  ) =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
      (resolve, reject) => {
        const upstream = request(
          new URL(path, target),
          { method, headers: { ...headers, host: new URL(target).host, connection: 'close' } },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () =>
              resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }),
            );
            response.on('error', reject);
          },
        );
        upstream.on('error', reject);
        upstream.end(body);
      },
    );
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', async () => {
      const body = Buffer.concat(chunks);
      const first = next++;
      for (let attempt = 0; attempt < targets.length; attempt++) {
        const target = targets[(first + attempt) % targets.length] ?? '';
        try {
          const answer = await forward(target, incoming.method ?? 'GET', incoming.url ?? '/', incoming.headers, body);
          answered.set(target, (answered.get(target) ?? 0) + 1);
          const { connection: _connection, 'transfer-encoding': _encoding, ...headers } = answer.headers;
          outgoing.writeHead(answer.status, headers);
          outgoing.end(answer.body);
          return;
        } catch {
          // Refused or dropped: the next target.
        }
      }
      outgoing.writeHead(502, { 'content-type': 'application/json' });
      outgoing.end(JSON.stringify({ error: { code: 'BAD_GATEWAY', message: 'No registry replica answered.' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answered,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
