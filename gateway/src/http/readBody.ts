import type { IncomingMessage } from 'node:http';

export type BodyResult = { ok: true; body: string } | { ok: false; reason: 'too-large' | 'aborted' };

/**
 * Reads a request body of at most `limit` bytes. A body announced (`content-length`) or found larger is refused
 * without buffering the rest; the caller answers 413 and closes the connection.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = Number(request.headers['content-length']);
  if (declared > limit) return Promise.resolve({ ok: false, reason: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        resolve({ ok: false, reason: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve({
        ok: true,
        body:
          chunks.length === 1
            ? (chunks[0] ?? Buffer.alloc(0)).toString('utf8')
            : Buffer.concat(chunks).toString('utf8'),
      });
    };
    const onError = () => {
      cleanup();
      resolve({ ok: false, reason: 'aborted' });
    };
    function cleanup() {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('aborted', onError);
    }
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('aborted', onError);
  });
}
