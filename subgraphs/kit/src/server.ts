import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { BaseContext } from './context';
import { formatSubgraphError } from './formatSubgraphError';
import { anonymous, type IdentityReader } from './identity';

export interface SubgraphServerOptions<TContext extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  logger: Logger;
  /** Verifies who is calling. Default: nobody is trusted, every request runs anonymous. */
  identity?: IdentityReader;
  /** Largest request body accepted, in bytes. Default 2 MiB. */
  maxBodyBytes?: number;
  /** Builds the per-request context, typically adding fresh DataLoaders. */
  createContext(base: BaseContext): TContext;
  /** Whether the subgraph's own dependencies (its database) answer; `/health` reports 503 when not. */
  checkHealth?(): Promise<boolean>;
}

export interface SubgraphServer {
  /** Starts listening; port 0 picks a free one. Resolves with the GraphQL URL. */
  listen(port: number, host?: string): Promise<string>;
  /** Stops accepting requests, waits for the ones in flight, then stops Apollo. */
  close(): Promise<void>;
  readonly url: string;
}

/** How long `close()` lets requests in flight finish before cutting their connections. */
const CLOSE_GRACE_MS = 10_000;

class PayloadTooLarge extends Error {}

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new PayloadTooLarge());
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/**
 * The HTTP server every Switchyard subgraph runs: GraphQL on `/graphql` (Apollo Server), `/health`, the gateway
 * caller's verified identity in the per-request context, and a graceful close.
 */
export function createSubgraphServer<TContext extends BaseContext>(
  options: SubgraphServerOptions<TContext>,
): SubgraphServer {
  const maxBodyBytes = options.maxBodyBytes ?? 2 * 1024 * 1024;
  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    // Inline traces (ftv1) are Apollo Studio's; the gateway measures subgraph latency itself.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
    includeStacktraceInErrorResponses: false,
    // Values the database refuses (a NUL in text) are the client's mistake: BAD_USER_INPUT, not a 500-style error.
    formatError: formatSubgraphError,
    csrfPrevention: false,
    // runMain owns the signals: Apollo's own handlers would stop it mid-drain and re-raise the signal.
    stopOnTerminationSignals: false,
  });
  let started: Promise<void> | undefined;
  let httpServer: Server | undefined;
  let url = '';

  async function handleGraphQL(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown;
    if (request.method === 'POST') {
      const text = await readBody(request, maxBodyBytes);
      try {
        body = text ? JSON.parse(text) : {};
      } catch {
        sendJson(response, 400, {
          errors: [{ message: 'Body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }],
        });
        return;
      }
    }
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: request.method ?? 'GET',
        headers,
        search: new URL(request.url ?? '/', 'http://localhost').search,
        body,
      },
      context: async () => {
        const identity = options.identity ? await options.identity.read(request.headers) : anonymous;
        if (identity.refusal) options.logger.warn({ reason: identity.refusal }, 'caller identity refused');
        return options.createContext({ identity, logger: options.logger });
      },
    });
    for (const [key, value] of result.headers) response.setHeader(key, value);
    response.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      response.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    try {
      if (path === '/health') {
        const healthy = options.checkHealth ? await options.checkHealth().catch(() => false) : true;
        sendJson(response, healthy ? 200 : 503, { status: healthy ? 'ok' : 'unavailable', subgraph: options.name });
        return;
      }
      if (path === '/graphql' || path === '/') {
        await handleGraphQL(request, response);
        return;
      }
      sendJson(response, 404, { errors: [{ message: `No route ${path}.`, extensions: { code: 'NOT_FOUND' } }] });
    } catch (error) {
      if (error instanceof PayloadTooLarge) {
        sendJson(response, 413, {
          errors: [
            { message: `Request body exceeds ${maxBodyBytes} bytes.`, extensions: { code: 'REQUEST_TOO_LARGE' } },
          ],
        });
        return;
      }
      options.logger.error({ err: error }, 'request failed');
      if (!response.headersSent) {
        sendJson(response, 500, {
          errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
        });
      } else {
        response.end();
      }
    }
  }

  return {
    get url() {
      return url;
    },
    async listen(port, host = '127.0.0.1') {
      started ??= apollo.start();
      await started;
      const server = createServer((request, response) => void handle(request, response));
      server.keepAliveTimeout = 65_000;
      httpServer = server;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      const address = server.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      url = `http://${shownHost}:${address.port}/graphql`;
      options.logger.info({ url }, `${options.name} subgraph listening`);
      return url;
    },
    async close() {
      const server = httpServer;
      if (server) {
        // Keep-alive connections of requests still in flight turn idle only once they finish: sweep them as they
        // do (a single closeIdleConnections() left a polling gateway's connection open for the 65 s keep-alive),
        // and cut whatever is left after the grace period.
        await new Promise<void>((resolve) => {
          const sweep = setInterval(() => server.closeIdleConnections(), 100);
          const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
          server.close(() => {
            clearInterval(sweep);
            clearTimeout(force);
            resolve();
          });
          server.closeIdleConnections();
        });
      }
      if (started) await apollo.stop();
    },
  };
}
