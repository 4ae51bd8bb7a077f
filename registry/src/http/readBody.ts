import type { IncomingMessage } from 'node:http';
import { ErrorCode, SwitchyardError } from '../errors';

/**
 * Reads a request body up to `limit` bytes (MAX_BODY_BYTES). Throws `PAYLOAD_TOO_LARGE` as soon as the declared
 * or received size passes the limit, without buffering the rest.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const tooLarge = () =>
    new SwitchyardError(ErrorCode.PAYLOAD_TOO_LARGE, `The request body exceeds ${limit} bytes (MAX_BODY_BYTES).`, {
      body: { limit },
    });
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
