import { createServer, connect, type Server, type Socket } from 'node:net';

/** A TCP port that forwards every connection to a target port on 127.0.0.1, and can go dark and come back. */
export interface PortForwarder {
  /** The port clients connect to; stays the same across `close` and `open`. */
  readonly port: number;
  /** Destroys every forwarded connection (both ends) and stops listening, so the port refuses connections. */
  close(): Promise<void>;
  /** Listens on the same port again, forwarding to `targetPort`. */
  open(targetPort: number): Promise<void>;
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
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  const listen = async (port: number): Promise<number> => {
    const listening = createServer((client) => {
      const upstream = connect(target, '127.0.0.1');
      track(client);
      track(upstream);
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
    async open(targetPortAgain) {
      if (server) throw new Error('the forwarder is already open');
      target = targetPortAgain;
      await listen(port);
    },
  };
}
