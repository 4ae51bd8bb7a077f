import type { Dispatcher } from 'undici';

/**
 * Reads a response body as UTF-8 text, holding at most `maxBytes` of it. A body over the limit is never buffered
 * past it: a `Content-Length` above the limit refuses it before the first byte is read, and a body streamed
 * without one is cut off as soon as the count passes the limit. Either way the body is destroyed, which aborts
 * the request and closes its connection, so the sender stops. Returns `undefined` when the body is over the limit.
 */
export async function readBodyWithin(response: Dispatcher.ResponseData, maxBytes: number): Promise<string | undefined> {
  const { body } = response;
  const declared = response.headers['content-length'];
  if (typeof declared === 'string' && Number(declared) > maxBytes) {
    discard(body);
    return undefined;
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      discard(body);
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

// Destroying an unfinished undici body aborts its request and emits `RequestAbortedError`: expected here, not a crash.
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => {});
  body.destroy();
}
