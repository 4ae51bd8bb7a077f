import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { ErrorCode } from '../errors';
import { MediaType } from './respond';

/** What Node's HTTP parser or its timeouts reported: the status and code the client gets. */
export function classifyClientError(error: NodeJS.ErrnoException): { status: number; code: ErrorCode } {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, code: ErrorCode.REQUEST_HEADER_FIELDS_TOO_LARGE };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, code: ErrorCode.REQUEST_TIMEOUT };
    default:
      return { status: 400, code: ErrorCode.BAD_REQUEST };
  }
}

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  REQUEST_HEADER_FIELDS_TOO_LARGE: 'The request line and headers are too large.',
  REQUEST_TIMEOUT: 'The request was not received in time.',
  BAD_REQUEST: 'The request is not valid HTTP.',
};

/**
 * The server's `clientError` listener: Node's own answer to a malformed request, oversized headers or a slow client
 * is a bare status line with no body; this answers the same status with a GraphQL error body carrying a catalogue
 * code, then closes the connection. Nothing is written when the socket is gone or a response has started on it
 * (`responseStarted`), as Node itself does.
 */
export function answerClientError(
  error: NodeJS.ErrnoException,
  socket: Duplex,
  responseStarted: (socket: Duplex) => boolean,
  onAnswer: (code: ErrorCode) => void = () => {},
): void {
  if (error.code === 'ECONNRESET' || !socket.writable || responseStarted(socket)) {
    socket.destroy();
    return;
  }
  const { status, code } = classifyClientError(error);
  onAnswer(code);
  const body = JSON.stringify({ errors: [{ message: MESSAGES[code] ?? 'Bad request.', extensions: { code } }] });
  socket.end(
    [
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
      `content-type: ${MediaType.JSON}`,
      `content-length: ${Buffer.byteLength(body)}`,
      'connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}
