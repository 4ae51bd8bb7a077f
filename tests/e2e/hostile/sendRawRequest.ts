import { connect } from 'node:net';
import type { HostileRequest } from './hostileRequest';

/** What came back on the socket: nothing (`status` 0) when it closed or timed out without a status line. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Set when no complete answer arrived: `timeout`, `closed`, or the socket error's code. */
  failure?: string;
}

function decodeChunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset < body.length) {
    const lineEnd = body.indexOf('\r\n', offset);
    if (lineEnd === -1) break;
    const size = Number.parseInt(body.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** Parses the bytes of one HTTP/1.1 response (the connection was `close`, so it ends where the socket ended). */
export function parseRawResponse(received: Buffer): RawResponse {
  let bytes = received;
  // An interim `100 Continue` (to `expect: 100-continue`) precedes the answer.
  while (/^HTTP\/1\.[01] 1\d\d /.test(bytes.subarray(0, 16).toString('latin1'))) {
    const interimEnd = bytes.indexOf('\r\n\r\n');
    if (interimEnd === -1) break;
    bytes = bytes.subarray(interimEnd + 4);
  }
  const headEnd = bytes.indexOf('\r\n\r\n');
  if (headEnd === -1) return { status: 0, headers: {}, body: '', failure: bytes.length ? 'truncated head' : 'closed' };
  const [statusLine = '', ...lines] = bytes.subarray(0, headEnd).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = bytes.subarray(headEnd + 4);
  if (headers['transfer-encoding']?.includes('chunked')) body = decodeChunked(body);
  else if (headers['content-length'] !== undefined) body = body.subarray(0, Number(headers['content-length']));
  return { status, headers, body: body.toString('utf8') };
}

/** Serializes a request exactly as generated: request line, header lines, `connection: close`, then the body. */
export function serializeRequest(request: HostileRequest, host: string): Buffer {
  const lines = [`${request.method} ${request.target} HTTP/1.1`, `host: ${host}`];
  for (const [name, value] of request.headers) lines.push(`${name}: ${value}`);
  const body = request.body ?? Buffer.alloc(0);
  if (request.contentLength === undefined) {
    if (request.body !== undefined) lines.push(`content-length: ${body.length}`);
  } else if (request.contentLength !== 'omit') {
    lines.push(`content-length: ${request.contentLength}`);
  }
  lines.push('connection: close', '', '');
  return Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), body]);
}

/**
 * Sends one request over its own loopback connection (raw bytes, so malformed requests reach the server as
 * generated) and reads the answer until the server closes. Resolves with `failure: 'timeout'` after `timeoutMs`.
 */
export function sendRawRequest(port: number, request: HostileRequest, timeoutMs: number): Promise<RawResponse> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const socket = connect({ port, host: '127.0.0.1' });
    const finish = (failure?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const parsed = parseRawResponse(Buffer.concat(chunks));
      resolve(failure && parsed.status === 0 ? { ...parsed, failure } : parsed);
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.once('end', () => finish());
    socket.once('close', () => finish());
    // A server that answers before reading the whole body (413) may reset the connection under the write.
    socket.on('error', (error: NodeJS.ErrnoException) => finish(error.code ?? 'socket error'));
    // Written without ending our side: Node's server aborts a request whose client half-closes before the answer.
    // `connection: close` makes the server close once it has answered.
    socket.once('connect', () => socket.write(serializeRequest(request, `127.0.0.1:${port}`)));
  });
}
