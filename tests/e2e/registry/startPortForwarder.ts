import { connect, createServer, type Server, type Socket } from 'node:net';

/** A TCP port that forwards every connection to a target port on 127.0.0.1, and can go dark and come back. */
export interface PortForwarder {
  /** The port clients connect to; stays the same across `close` and `open`. */
  readonly port: number;
  /** Destroys every forwarded connection (both ends) and stops listening, so the port refuses connections. */
  close(): Promise<void>;
  /** Listens on the same port again, forwarding to `targetPort`. */
  open(targetPort: number): Promise<void>;
  /** How many HTTP `GET`s of `path` clients have sent through it so far. */
  requestsOf(path: string): number;
}

/**
 * Starts forwarding a free port on 127.0.0.1 to `targetPort`. The registry test stops the registry behind it:
 * cutting the connections first lets the registry's `close` return at once instead of waiting out the keep-alive of
 * a gateway poll that was in flight, and the port the gateways know stays the same when a registry starts again.
 */
export async function startPortForwarder(targetPort: number): Promise<PortForwarder> {
  let target = targetPort;
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  /** Method and target of every HTTP request line clients sent (`GET /v1/…`). */
  const requestLines: string[] = [];
  /** Reads request lines out of what a client sends; a line split across chunks is read once whole. */
  const readRequestLines = (client: Socket) => {
    let rest = '';
    client.on('data', (chunk: Buffer) => {
      const text = rest + chunk.toString('latin1');
      let end = 0;
      for (const match of text.matchAll(/([A-Z]+ \S+) HTTP\/1\.[01]\r\n/g)) {
        requestLines.push(match[1] ?? '');
        end = (match.index ?? 0) + match[0].length;
      }
      rest = text.slice(end).slice(-512);
    });
  };
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  const listen = async (port: number): Promise<number> => {
    const listening = createServer((client) => {
      const upstream = connect(target, '127.0.0.1');
      track(client);
      track(upstream);
      readRequestLines(client);
      client.pipe(upstream).pipe(client);
      client.once('error', () => upstream.destroy());
      upstream.once('error', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(port, '127.0.0.1', () => resolve());
    });
    server = listening;
    const address = listening.address();
    if (address === null || typeof address === 'string') throw new Error('the forwarder has no TCP address');
    return address.port;
  };

  const port = await listen(0);
  return {
    port,
    async close() {
      const running = server;
      server = undefined;
      for (const socket of sockets) socket.destroy();
      if (running) await new Promise<void>((resolve) => running.close(() => resolve()));
    },
    requestsOf: (path) => requestLines.filter((line) => line === `GET ${path}`).length,
    async open(targetPortAgain) {
      if (server) throw new Error('the forwarder is already open');
      target = targetPortAgain;
      await listen(port);
    },
  };
}
