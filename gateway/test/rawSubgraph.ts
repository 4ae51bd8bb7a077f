import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Answers one request of a raw subgraph; the test writes whatever bytes it wants. */
export type RawHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

/**
 * A subgraph that is only an SDL (for composition) and a `node:http` handler on 127.0.0.1:0, for answers no
 * GraphQL server would give: endless bodies, lying `Content-Length`, hand-written errors.
 */
export interface RawSubgraph {
  name: string;
  typeDefs: string;
  url: string;
  /** How many requests arrived. */
  requests: number;
  /** Swapped by each test. */
  handle: RawHandler;
  stop(): Promise<void>;
}

export async function startRawSubgraph(name: string, typeDefs: string): Promise<RawSubgraph> {
  const sockets = new Set<Socket>();
  const subgraph: RawSubgraph = {
    name,
    typeDefs,
    url: '',
    requests: 0,
    handle: (_request, response) => {
      response.writeHead(500).end();
    },
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
  const server = createServer((request, response) => {
    subgraph.requests++;
    request.resume();
    request.once('end', () => void subgraph.handle(request, response));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  subgraph.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return subgraph;
}

/** How a streamed answer ended, as the sending server saw it. */
export interface StreamEnd {
  /** Body bytes handed to the socket before it closed. */
  bytesWritten: number;
  /** False when the connection closed before the whole body was sent (the receiver hung up). */
  finished: boolean;
}

/**
 * Streams a GraphQL response `{"data":{"<field>":"xxxx…"}}` of `totalBytes`, as fast as the receiver reads, and
 * resolves when the response closes: finished, or cut off by the receiver.
 */
export function streamLargeResponse(response: ServerResponse, field: string, totalBytes: number): Promise<StreamEnd> {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const head = `{"data":{"${field}":"`;
  const tail = '"}}';
  let bytesWritten = 0;
  const ended = new Promise<StreamEnd>((resolve) => {
    response.once('close', () => resolve({ bytesWritten, finished: response.writableFinished }));
  });
  response.writeHead(200, { 'content-type': 'application/json' });
  response.write(head);
  bytesWritten += head.length;
  const pump = () => {
    while (!response.destroyed && bytesWritten + chunk.length + tail.length < totalBytes) {
      bytesWritten += chunk.length;
      if (!response.write(chunk)) {
        response.once('drain', pump);
        return;
      }
    }
    if (!response.destroyed) response.end(tail);
  };
  pump();
  return ended;
}
