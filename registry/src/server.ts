import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { sql } from 'drizzle-orm';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { ApiContext } from './api/context';
import type { ApiLimits } from './api/limits/checkApiLimits';
import { schema } from './api/schema';
import type { RegistryDatabase } from './db/openDatabase';
import { ErrorCode, SwitchyardError } from './errors';
import { decodePathSegment } from './http/decodePathSegment';
import { serveGraphQL } from './http/graphqlRoute';
import { sendError, sendGraphQLError, sendJson } from './http/respond';
import { isPagePath, servePage } from './http/servePage';
import { serveSupergraph, supergraphPath } from './http/supergraphRoute';
import type { RoutingUrlPolicy } from './input/routingUrlPolicy';
import type { CheckUsageDefaults } from './publishing/usageAwareChecks';
import { assertGraphVariant } from './publishing/validateInput';
import { authenticate, readBearerToken } from './tokens/authenticate';
import type { UsageIngestLimits } from './usage/contract';
import { createUsageIngestHandler } from './usage/createUsageIngestHandler';

export interface RegistryServerOptions {
  db: RegistryDatabase;
  logger: Logger;
  limits: { maxSdlBytes: number; maxBodyBytes: number };
  /** Limits on GraphQL API requests (`API_MAX_*`); `defaultApiLimits` when omitted. */
  apiLimits?: ApiLimits;
  /** Defaults of usage-aware schema checks (`CHECK_USAGE_*`); `defaultCheckUsage` when omitted. */
  checks?: CheckUsageDefaults;
  /** What routing URLs publishes and checks may set (`ROUTING_URL_*`); `defaultRoutingUrlPolicy` when omitted. */
  routingUrls?: RoutingUrlPolicy;
  /** Window and count limits of usage reports (`USAGE_MAX_*`); `defaultUsageIngestLimits` when omitted. */
  usageLimits?: UsageIngestLimits;
}

export interface RegistryServer {
  /** Starts listening; port 0 picks a free one. Resolves with the base URL (`http://host:port`). */
  listen(port: number, host?: string): Promise<string>;
  /** Stops accepting requests, waits for the ones in flight, then stops Apollo. */
  close(): Promise<void>;
  readonly url: string;
}

/** How long `close()` lets requests in flight finish before cutting their connections. */
const CLOSE_GRACE_MS = 10_000;

/** Apollo's own codes for requests that never reached a resolver; they pass through `formatError` untouched. */
const apolloCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * The registry's HTTP server (`node:http`): `POST /graphql` (Apollo Server over the Pothos schema), the gateways'
 * `GET /v1/graphs/:graph/variants/:variant/supergraph`, the gateways' `POST /v1/usage` (usage reports, REPORT
 * tokens), and `GET /health`. Every route but /health needs a bearer
 * token, except the web page for product managers (`GET /`, `GET /assets/*`), which asks for one itself.
 */
export function createRegistryServer(options: RegistryServerOptions): RegistryServer {
  const { db, logger, limits } = options;
  const apollo = new ApolloServer<ApiContext>({
    schema,
    plugins: [ApolloServerPluginLandingPageDisabled()],
    includeStacktraceInErrorResponses: false,
    // serve.ts owns the signals: Apollo's handlers would stop it mid-drain and re-raise the signal (exit by signal).
    stopOnTerminationSignals: false,
    formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
      if (unwrapResolverError(error) instanceof SwitchyardError) return formatted;
      const code = formatted.extensions?.code;
      if (typeof code === 'string' && apolloCodes.has(code)) return formatted;
      logger.error({ err: unwrapResolverError(error) }, 'GraphQL request failed');
      return {
        message: 'Internal server error.',
        path: formatted.path,
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
      };
    },
  });
  const handleUsage = createUsageIngestHandler({
    db,
    authenticate: (header) => authenticate(db, readBearerToken(header)),
    limits: options.usageLimits,
    onIngested: (summary) => logger.debug(summary, 'usage report ingested'),
  });
  let started: Promise<void> | undefined;
  let httpServer: Server | undefined;
  let url = '';

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/health') {
      const healthy = await db.execute(sql`select 1`).then(
        () => true,
        () => false,
      );
      sendJson(response, healthy ? 200 : 503, { status: healthy ? 'ok' : 'unavailable' });
      return;
    }
    if (path === '/graphql') {
      try {
        const principal = await authenticate(db, readBearerToken(request.headers.authorization));
        await serveGraphQL(
          apollo,
          {
            db,
            principal,
            maxSdlBytes: limits.maxSdlBytes,
            logger,
            checkUsage: options.checks,
            routingUrls: options.routingUrls,
          },
          request,
          response,
          limits.maxBodyBytes,
          options.apiLimits,
        );
      } catch (error) {
        if (!(error instanceof SwitchyardError)) throw error;
        sendGraphQLError(response, error);
      }
      return;
    }
    if (path === '/v1/usage') {
      await handleUsage(request, response);
      return;
    }
    const supergraph = supergraphPath.exec(path);
    if (supergraph) {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        sendJson(response, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'Use GET.' } }, { allow: 'GET, HEAD' });
        return;
      }
      try {
        const principal = await authenticate(db, readBearerToken(request.headers.authorization));
        const [graph = '', variant = ''] = supergraph.slice(1).map(decodePathSegment);
        assertGraphVariant({ graph, variant });
        await serveSupergraph(db, principal, { graph, variant }, request, response);
      } catch (error) {
        if (!(error instanceof SwitchyardError)) throw error;
        sendError(response, error);
      }
      return;
    }
    if (isPagePath(path)) {
      await servePage(request, response, path);
      return;
    }
    sendError(response, new SwitchyardError(ErrorCode.NOT_FOUND, `No route ${path}.`));
  }

  return {
    get url() {
      return url;
    },
    async listen(port, host = '127.0.0.1') {
      started ??= apollo.start();
      await started;
      const server = createServer((request, response) => {
        handle(request, response).catch((error: unknown) => {
          logger.error({ err: error }, 'request failed');
          if (!response.headersSent) sendError(response, error);
          else response.end();
        });
      });
      server.keepAliveTimeout = 65_000;
      httpServer = server;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      const address = server.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      url = `http://${shownHost}:${address.port}`;
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
