import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
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
  /** Largest request body accepted, in bytes (`413 REQUEST_TOO_LARGE` past it). Default 2 MiB (`MAX_BODY_BYTES`). */
  maxBodyBytes?: number;
  /** Builds the per-request context, typically adding fresh DataLoaders. */
  createContext(base: BaseContext): TContext;
  /** Whether the subgraph's own dependencies (its database) answer; `/health` and `/ready` report 503 when not. */
  checkHealth?(): Promise<boolean>;
}

export interface SubgraphServer {
  /** Starts listening; port 0 picks a free one. Resolves with the GraphQL URL. */
  listen(port: number, host?: string): Promise<string>;
  /** Stops accepting requests, waits for the ones in flight, then stops Apollo. */
  close(): Promise<void>;
  readonly url: string;
}

/**
 * The probe paths every subgraph serves, for manifests to name (liveness and readiness probes, `HEALTHCHECK`). Both
 * answer 200 when `checkHealth` does (or when there is none) and 503 otherwise: a subgraph is ready once it listens,
 * since it migrates and seeds before it does.
 */
export const SubgraphProbePaths = { health: '/health', ready: '/ready' } as const;

/** The default of `maxBodyBytes`. */
export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;
/** How long `close()` lets requests in flight finish before cutting their connections. */
const CLOSE_GRACE_MS = 10_000;

/** A GraphQL-shaped error body, as every non-GraphQL failure of the server answers. */
function errorBody(code: string, message: string) {
  return { errors: [{ message, extensions: { code } }] };
}

/** Fastify's own refusals (body size, JSON, media type) in the subgraph's error shape; 500 for anything else. */
function toErrorReply(
  error: FastifyError,
  maxBodyBytes: number,
): { status: number; body: ReturnType<typeof errorBody> } {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: errorBody('REQUEST_TOO_LARGE', `Request body exceeds ${maxBodyBytes} bytes.`) };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, body: errorBody('BAD_REQUEST', 'POST a GraphQL request as application/json.') };
  }
  const status = error.statusCode ?? 500;
  if (status === 400) return { status, body: errorBody('BAD_REQUEST', 'Body is not valid JSON.') };
  if (status > 400 && status < 500) return { status, body: errorBody('BAD_REQUEST', error.message) };
  return { status: 500, body: errorBody('INTERNAL_SERVER_ERROR', 'Internal server error.') };
}

/**
 * The HTTP server every Switchyard subgraph runs, on Fastify: GraphQL on `/graphql` (and `/`) through Apollo's
 * Fastify integration, `/health`, the gateway caller's verified identity in the per-request context, one body limit,
 * and a graceful close.
 */
export function createSubgraphServer<TContext extends BaseContext>(
  options: SubgraphServerOptions<TContext>,
): SubgraphServer {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
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
  let app: FastifyInstance | undefined;
  let started = false;
  let url = '';

  async function buildApp(): Promise<FastifyInstance> {
    await apollo.start();
    started = true;
    const server = Fastify({
      bodyLimit: maxBodyBytes,
      keepAliveTimeout: 65_000,
      // close() sweeps idle keep-alive connections itself, as requests in flight finish.
      forceCloseConnections: false,
    });
    server.setErrorHandler((error: FastifyError, _request, reply) => {
      const { status, body } = toErrorReply(error, maxBodyBytes);
      if (status >= 500) options.logger.error({ err: error }, 'request failed');
      return reply.code(status).send(body);
    });
    server.setNotFoundHandler((request, reply) =>
      reply.code(404).send(errorBody('NOT_FOUND', `No route ${request.url.split('?')[0]}.`)),
    );
    for (const path of Object.values(SubgraphProbePaths)) {
      server.get(path, async (_request, reply) => {
        const healthy = options.checkHealth ? await options.checkHealth().catch(() => false) : true;
        return reply.code(healthy ? 200 : 503).send({ status: healthy ? 'ok' : 'unavailable', subgraph: options.name });
      });
    }
    const graphql = fastifyApolloHandler<TContext>(apollo, {
      context: async (request) => {
        const identity = options.identity ? await options.identity.read(request.headers) : anonymous;
        if (identity.refusal) options.logger.warn({ reason: identity.refusal }, 'caller identity refused');
        return options.createContext({ identity, logger: options.logger });
      },
    });
    for (const path of ['/graphql', '/']) server.route({ url: path, method: ['GET', 'POST'], handler: graphql });
    return server;
  }

  return {
    get url() {
      return url;
    },
    async listen(port, host = '127.0.0.1') {
      const server = await buildApp();
      app = server;
      await server.listen({ port, host });
      const address = server.server.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      url = `http://${shownHost}:${address.port}/graphql`;
      options.logger.info({ url }, `${options.name} subgraph listening`);
      return url;
    },
    async close() {
      const server = app;
      if (server) {
        // Keep-alive connections of requests still in flight turn idle only once they finish: sweep them as they
        // do (a single closeIdleConnections() left a polling gateway's connection open for the 65 s keep-alive),
        // and cut whatever is left after the grace period.
        const sweep = setInterval(() => server.server.closeIdleConnections(), 100);
        const force = setTimeout(() => server.server.closeAllConnections(), CLOSE_GRACE_MS);
        try {
          server.server.closeIdleConnections();
          await server.close();
        } finally {
          clearInterval(sweep);
          clearTimeout(force);
        }
      }
      if (started) await apollo.stop();
    },
  };
}
