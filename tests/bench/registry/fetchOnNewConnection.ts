import { request } from 'node:http';

/**
 * `fetch` over a new connection per request, for the benchmark's API calls. The benchmark composes on its own event
 * loop between calls, for a minute or more on a loaded machine: a kept-alive connection then outlives the registry's
 * 65 s keep-alive timeout, and the next call written to it meets the server closing it (ECONNRESET, "other side
 * closed"). A call per connection measures the same work, plus a local TCP handshake.
 */
export function fetchOnNewConnection(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const url = new URL(input instanceof Request ? input.url : input);
  const body = typeof init.body === 'string' ? init.body : '';
  const headers = Object.fromEntries(new Headers(init.headers));
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: init.method ?? 'GET',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        agent: false,
        signal: init.signal ?? undefined,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(new Response(Buffer.concat(chunks), { status: response.statusCode ?? 500 })));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
