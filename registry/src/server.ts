import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { ApiContext } from './api/context';
import type { ApiLimits } from './api/limits/checkApiLimits';
import { schema } from './api/schema';
import type { Composer } from './composition/createComposer';
import type { RegistryDatabase } from './db/openDatabase';
import type { DocumentLimits } from './documents/documentLimits';
import { ErrorCode, SwitchyardError } from './errors';
import { checkPathSegment } from './http/checkPathSegment';
import { findPersistedDocumentsAnswer } from './http/findPersistedDocumentsAnswer';
import { findSupergraphAnswer } from './http/findSupergraphAnswer';
import { refuseGraphQLRequest } from './http/refuseGraphQLRequest';
import { replyError, replyGraphQLError, sendError } from './http/respond';
import { isPagePath, servePage } from './http/servePage';
import type { RoutingUrlPolicy } from './input/routingUrlPolicy';
import type { CheckUsageDefaults } from './publishing/usageAwareChecks';
import { assertGraphVariant } from './publishing/validateInput';
import { authenticate, readBearerToken } from './tokens/authenticate';
import type { Principal } from './tokens/Principal';
import type { UsageIngestLimits } from './usage/contract';
import { usageRoute } from './usage/usageRoute';
import type { SendWebhook } from './webhooks/sendWebhook';
import type { WebhookSettings } from './webhooks/webhookSettings';

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
  /** Usage reports that may wait to be folded (`USAGE_INBOX_MAX_REPORTS`); `DEFAULT_INBOX_MAX_REPORTS` when omitted. */
  maxPendingUsageReports?: number;
  /** Told when a usage report was accepted: the fold schedule's `wake`. */
  onUsageAccepted?(): void;
  /** Where publish, check and delete compose; the calling thread when omitted. */
  composer?: Composer;
  /** Limits on published manifests (`PERSISTED_DOCUMENTS_MAX_*`); `defaultDocumentLimits` when omitted. */
  documentLimits?: DocumentLimits;
  /** Webhook settings (`WEBHOOK_*`) and sender; the defaults when omitted. */
  webhooks?: { settings: WebhookSettings; send?: SendWebhook };
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
 * The probe paths the registry serves without a token, for manifests to name (liveness and readiness probes,
 * `HEALTHCHECK`). Both answer 200 when the database answers a `select 1` and 503 otherwise; the registry migrates its
 * database before it listens, so listening is ready.
 */
export const RegistryProbePaths = { health: '/health', ready: '/ready' } as const;

/**
 * The registry's HTTP server (Fastify): `POST /graphql` (Apollo Server over the Pothos schema), the gateways'
 * `GET /v1/graphs/:graph/variants/:variant/supergraph` and `…/persisted-documents`, the gateways' `POST /v1/usage` (usage reports, REPORT
 * tokens), and `GET /health` and `GET /ready`. Every route but those two needs a bearer
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
  let app: FastifyInstance | undefined;
  let started = false;

  /** Hands the response to a route that writes `node:http` itself (the page), catching what it throws. */
  async function writeRaw(reply: FastifyReply, write: () => Promise<void>): Promise<void> {
    reply.hijack();
    try {
      await write();
    } catch (error) {
      logger.error({ err: error }, 'request failed');
      if (!reply.raw.headersSent) sendError(reply.raw, error);
      else reply.raw.end();
    }
  }
  let url = '';

  async function buildApp(): Promise<FastifyInstance> {
    await apollo.start();
    started = true;
    const server = Fastify({
      // The body limit of the JSON routes (MAX_BODY_BYTES); /v1/usage sets its own, for gzip and all.
      bodyLimit: limits.maxBodyBytes,
      keepAliveTimeout: 65_000,
      // close() sweeps idle keep-alive connections itself, as requests in flight finish.
      forceCloseConnections: false,
      // A path find-my-way cannot percent-decode (`%ZZ`, a lone surrogate's bytes) is the caller's mistake.
      frameworkErrors: (error, request, reply) => {
        if (error.code === 'FST_ERR_BAD_URL') {
          const path = request.raw.url?.split('?')[0] ?? '';
          return replyError(
            reply,
            new SwitchyardError(
              ErrorCode.MALFORMED_INPUT,
              `The path "${path.slice(0, 80)}" is not valid percent-encoding.`,
            ),
          );
        }
        return replyError(reply, toSwitchyardError(error, limits.maxBodyBytes));
      },
    });
    server.setErrorHandler((error, _request, reply) => {
      const known = toSwitchyardError(error, limits.maxBodyBytes);
      if (known.code === ErrorCode.INTERNAL_SERVER_ERROR) logger.error({ err: error }, 'request failed');
      return replyError(reply, known);
    });
    server.setNotFoundHandler(async (request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (!isPagePath(path)) return replyError(reply, new SwitchyardError(ErrorCode.NOT_FOUND, `No route ${path}.`));
      await writeRaw(reply, () => servePage(request.raw, reply.raw, path));
    });

    for (const path of Object.values(RegistryProbePaths)) {
      server.get(path, async (_request, reply) => {
        const healthy = await db.execute(sql`select 1`).then(
          () => true,
          () => false,
        );
        return reply.code(healthy ? 200 : 503).send({ status: healthy ? 'ok' : 'unavailable' });
      });
    }

    server.all('/v1/graphs/:graph/variants/:variant/supergraph', async (request, reply) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return reply
          .code(405)
          .header('allow', 'GET, HEAD')
          .send({ error: { code: 'METHOD_NOT_ALLOWED', message: 'Use GET.' } });
      }
      const principal = await authenticate(db, readBearerToken(request.headers.authorization));
      const { graph, variant } = request.params as { graph: string; variant: string };
      const params = { graph: checkPathSegment(graph), variant: checkPathSegment(variant) };
      assertGraphVariant(params);
      const answer = await findSupergraphAnswer(db, principal, params, request.headers['if-none-match']);
      return reply.code(answer.status).headers(answer.headers).send(answer.body);
    });

    server.all('/v1/graphs/:graph/variants/:variant/persisted-documents', async (request, reply) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return reply
          .code(405)
          .header('allow', 'GET, HEAD')
          .send({ error: { code: 'METHOD_NOT_ALLOWED', message: 'Use GET; publish documents with the GraphQL API.' } });
      }
      const principal = await authenticate(db, readBearerToken(request.headers.authorization));
      const { graph, variant } = request.params as { graph: string; variant: string };
      const params = { graph: checkPathSegment(graph), variant: checkPathSegment(variant) };
      assertGraphVariant(params);
      const answer = await findPersistedDocumentsAnswer(db, principal, params, request.headers['if-none-match']);
      return reply.code(answer.status).headers(answer.headers).send(answer.body);
    });

    // Usage reports: their own body limit (gzip and all), read only once the token may report.
    await server.register(
      usageRoute({
        db,
        authenticate: (header) => authenticate(db, readBearerToken(header)),
        limits: options.usageLimits,
        maxPendingReports: options.maxPendingUsageReports,
        onAccepted: (summary) => {
          logger.debug(summary, 'usage report accepted');
          options.onUsageAccepted?.();
        },
      }),
    );

    await server.register(async (api) => {
      // Any content type is read as JSON, as Apollo expects; its CSRF prevention then judges the content type.
      api.removeAllContentTypeParsers();
      api.addContentTypeParser('*', { parseAs: 'string' }, (_request, text, done) => {
        try {
          done(null, text ? JSON.parse(text as string) : {});
        } catch {
          done(new SwitchyardError(ErrorCode.BAD_USER_INPUT, 'The request body is not valid JSON.'), undefined);
        }
      });
      api.setErrorHandler((error, _request, reply) => {
        const known = toSwitchyardError(error, limits.maxBodyBytes);
        if (known.code === ErrorCode.INTERNAL_SERVER_ERROR) logger.error({ err: error }, 'GraphQL request failed');
        return replyGraphQLError(reply, known);
      });
      // The caller, authenticated once per request before the request is looked at, for the context to carry.
      const principals = new WeakMap<object, Principal>();
      const apolloHandler = fastifyApolloHandler<ApiContext>(apollo, {
        context: async (request) => ({
          db,
          principal:
            principals.get(request) ?? (await authenticate(db, readBearerToken(request.headers.authorization))),
          maxSdlBytes: limits.maxSdlBytes,
          logger,
          checkUsage: options.checks,
          routingUrls: options.routingUrls,
          composer: options.composer,
          documentLimits: options.documentLimits,
          webhooks: options.webhooks,
        }),
      });
      api.all('/graphql', async function (request, reply) {
        principals.set(request, await authenticate(db, readBearerToken(request.headers.authorization)));
        const refused = refuseGraphQLRequest(request.body, request.url, options.apiLimits);
        if (refused) return replyGraphQLError(reply, refused);
        type ApolloArgs = Parameters<typeof apolloHandler>;
        return apolloHandler.call(this, request as ApolloArgs[0], reply as ApolloArgs[1]);
      });
    });
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
      url = `http://${shownHost}:${address.port}`;
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

/** Fastify's own refusals (body size, JSON) as the registry's errors; anything unknown becomes a 500. */
function toSwitchyardError(error: unknown, maxBodyBytes: number): SwitchyardError {
  if (error instanceof SwitchyardError) return error;
  const code = (error as FastifyError | undefined)?.code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new SwitchyardError(
      ErrorCode.PAYLOAD_TOO_LARGE,
      `The request body exceeds ${maxBodyBytes} bytes (MAX_BODY_BYTES).`,
      { body: { limit: maxBodyBytes } },
    );
  }
  const status = (error as FastifyError | undefined)?.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return new SwitchyardError(ErrorCode.BAD_USER_INPUT, (error as Error).message);
  }
  return new SwitchyardError(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error.');
}
