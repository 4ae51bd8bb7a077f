// First: before `@apollo/gateway` loads, so it reads @apollo/federation-internals through plain properties.
import './supergraph/flatFederationExports';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { trace } from '@opentelemetry/api';
import type { PersistedDocumentSource } from '@switchyard/registry-client/persisted-documents';
import type { Logger } from 'pino';
import type { Dispatcher } from 'undici';
import { type Authenticator, createAuthenticator, createCallerAddress } from './auth';
import { createDocumentStore } from './caching/createDocumentStore';
import { type GatewayConfig, operationCacheShare } from './config';
import type { GatewayContext } from './context';
import { ErrorCode, SwitchyardError } from './errors';
import { createPlanExecutor, type ResolvedQueryPlan, withPlanExecutor } from './executor/createPlanExecutor';
import { answerClientError } from './http/answerClientError';
import { createFormatError } from './http/createFormatError';
import { createRequestHandler } from './http/createRequestHandler';
import { createGraphiql } from './http/graphiql';
import { createLargeRequestGate } from './http/largeRequestGate';
import { sendGraphQLError } from './http/respond';
import { createLogger } from './logger';
import { createMetrics, type GatewayMetrics } from './metrics';
import { createRequestPipeline } from './pipeline/requestPipeline';
import { prepareSupergraphDocument } from './plugins/authorization/prepareSupergraphForGateway';
import { limitsParseOptions } from './plugins/limits/limitsStep';
import {
  createPersistedDocumentStore,
  createPersistedDocumentsSource,
  createPersistedDocumentsStep,
} from './plugins/persistedDocuments';
import { notePlanCoordinates } from './plugins/usageReporting/planCoordinates';
import { createUsageRecorder } from './plugins/usageReporting/usageRecorder';
import { createSubgraphServices } from './subgraphs/createSubgraphServices';
import { createSupergraphManager } from './supergraph/createSupergraphManager';
import { createSupergraphSource } from './supergraph/createSupergraphSource';
import { guardQueryPlanning } from './supergraph/guardQueryPlanning';
import type { SupergraphSource, SupergraphUpdate } from './supergraph/source';
import { buildSupergraphModel, type SupergraphModel } from './supergraph/supergraphModel';
import { createTelemetry, type Telemetry } from './telemetry/createTelemetry';

/** What `createGateway` builds from the config unless given (tests inject their own). */
export { GatewayProbePaths } from './http/createRequestHandler';

export interface GatewayDependencies {
  /** Default: a pino logger at `config.telemetry.logLevel`. */
  logger?: Logger;
  /** Default: `createMetrics()`. */
  metrics?: GatewayMetrics;
  /** Default: a watched file or the registry, per `config.supergraph`. */
  source?: SupergraphSource;
  /** HTTP client for subgraph calls. Default: an undici `Agent` with `config.subgraphs.connections` per origin. */
  dispatcher?: Dispatcher;
  /** Default: OTLP export when `config.telemetry.otlpEndpoint` is set, else none. */
  telemetry?: Telemetry;
  /** Default: the one from `auth/` built from `config.auth`. */
  authenticator?: Authenticator;
  /** Default: the registry or file `config.persistedDocuments` names; none when off. */
  persistedDocuments?: PersistedDocumentSource;
}

/** A running (or ready to run) gateway. */
export interface Gateway {
  /**
   * Opens the HTTP port (default `config.server.port`/`host`; 0 picks a free port), then loads the first
   * supergraph. Resolves with the GraphQL URL once the gateway serves; rejects when the supergraph cannot load.
   */
  listen(port?: number, host?: string): Promise<string>;
  /**
   * Graceful stop: refuses new connections, lets in-flight requests finish for up to
   * `config.server.shutdownGraceMs`, then stops Apollo, the supergraph source, the subgraph pools and telemetry.
   */
  close(): Promise<void>;
  /** The supergraph being served; throws `SUPERGRAPH_NOT_READY` before the first one is loaded. */
  getSupergraph(): SupergraphUpdate;
  /**
   * Sends the usage counted so far to the registry now, instead of at the next report interval; resolves once the
   * registry has answered (or the send failed), at once when usage reporting is off. Never rejects.
   */
  flushUsage(): Promise<void>;
  readonly url: string;
  readonly metrics: GatewayMetrics;
  readonly httpServer: Server;
}

/** Adapts pino to the `debug/info/warn/error(message)` logger Apollo's packages take. */
function apolloLogger(logger: Logger) {
  return {
    debug: (message: unknown) => logger.debug(String(message)),
    info: (message: unknown) => logger.info(String(message)),
    warn: (message: unknown) => logger.warn(String(message)),
    error: (message: unknown) => logger.error(String(message)),
  };
}

/**
 * Builds the gateway: `ApolloGateway` over the configured supergraph source (validated, hot-reloaded), subgraph
 * data sources with keep-alive pools and deduplication, Apollo Server with the policy plugins, and the HTTP server.
 * No outbound call is made except to subgraphs (and to the OTLP endpoint when one is configured).
 */
export function createGateway(config: GatewayConfig, dependencies: GatewayDependencies = {}): Gateway {
  // `@apollo/gateway` reads this in its constructor: unset, it probes cloud metadata endpoints and sends usage
  // metrics to Apollo. There is no option for it, only the variable.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';

  const logger = dependencies.logger ?? createLogger(config.telemetry.logLevel);
  const metrics = dependencies.metrics ?? createMetrics();
  const telemetry = dependencies.telemetry ?? createTelemetry({ otlpEndpoint: config.telemetry.otlpEndpoint });
  const source = dependencies.source ?? createSupergraphSource(config.supergraph, logger);
  const authenticator = dependencies.authenticator ?? createAuthenticator(config.auth);
  // The pipeline enforces `@authenticated`/`@requiresScopes`, so their `for: SECURITY` links (which
  // `@apollo/gateway` would refuse) are dropped from what Apollo loads; the model reads the SDL as published,
  // parsed once per swap.
  let model: SupergraphModel | undefined;
  const manager = createSupergraphManager({
    source,
    logger,
    prepare: prepareSupergraphDocument,
    onServed: (served, document) => {
      model = buildSupergraphModel(served, document);
    },
  });
  const { apiKeys, jwt } = config.auth;
  if (!config.subgraphs.signingKey && (apiKeys.length > 0 || jwt.secret || jwt.publicKey || jwt.jwksUrl)) {
    logger.warn(
      'SUBGRAPH_SIGNING_KEY is unset: callers are authenticated here, but subgraphs learn no identity and refuse what needs one',
    );
  }
  const services = createSubgraphServices({
    config: config.subgraphs,
    metrics,
    telemetry,
    dispatcher: dependencies.dispatcher,
    fetchTextCacheBytes: operationCacheShare(config.caches),
  });
  let loaded = false;
  let draining = false;

  const getSupergraph = (): SupergraphUpdate => {
    const current = manager.current();
    if (!current) throw new SwitchyardError('SUPERGRAPH_NOT_READY', 'The gateway has not loaded a supergraph yet.');
    return current;
  };
  const getModel = (): SupergraphModel => {
    if (!model) throw new SwitchyardError('SUPERGRAPH_NOT_READY', 'The gateway has not loaded a supergraph yet.');
    return model;
  };

  const planning = guardQueryPlanning(logger);
  const didResolveQueryPlan = (resolved: ResolvedQueryPlan) => {
    planning.didResolveQueryPlan(resolved);
    notePlanCoordinates(resolved);
  };
  const gateway = new ApolloGateway({
    supergraphSdl: manager,
    buildService: (definition) => services.buildService(definition),
    logger: apolloLogger(logger),
    // Plans are reused across requests; QUERY_PLAN_CACHE_BYTES (64 MiB) keeps thousands of operations planned.
    experimental_approximateQueryPlanStoreMiB: Math.max(1, Math.ceil(config.caches.queryPlanBytes / 2 ** 20)),
    // The manager already validated the supergraph before handing it over.
    validateSupergraph: false,
    // Off whatever NODE_ENV says: otherwise any client sending `Apollo-Query-Plan-Experimental` gets the plan,
    // with every subgraph's name and the fields fetched for joins and @requires.
    __exposeQueryPlanExperimental: false,
    experimental_didResolveQueryPlan: didResolveQueryPlan,
  });
  // GATEWAY_EXECUTOR=switchyard: the gateway's own executor runs the plans, `ApolloGateway`'s what it hands back.
  const executing =
    config.executor === 'switchyard'
      ? withPlanExecutor(gateway, (stock) =>
          createPlanExecutor({
            gateway,
            stock,
            dataSources: () => services.dataSources(),
            didResolveQueryPlan,
            planCacheBytes: config.caches.queryPlanBytes,
            onExecuted: (executor) => metrics.plansExecuted.inc({ executor }),
            tracer: telemetry.enabled ? trace.getTracer('switchyard-gateway') : undefined,
          }),
        )
      : gateway;

  const documentStore = createPersistedDocumentStore();
  const documentSource =
    config.persistedDocuments.mode === 'off'
      ? undefined
      : (dependencies.persistedDocuments ?? createPersistedDocumentsSource(config.persistedDocuments, logger));

  const counted = new WeakSet<GatewayContext>();
  const usage = config.usageReporting.enabled
    ? createUsageRecorder({
        ...config.usageReporting,
        cacheBytes: operationCacheShare(config.caches),
        getSupergraph,
        metrics,
        logger,
      })
    : undefined;
  const apollo = new ApolloServer<GatewayContext>({
    gateway: planning.wrap(executing),
    formatError: createFormatError({ logger, metrics }),
    includeStacktraceInErrorResponses: false,
    // INTROSPECTION decides (the pipeline's limits step refuses it when off), not NODE_ENV: Apollo would
    // otherwise turn introspection off in production behind the setting's back.
    introspection: true,
    // The parser stops at MAX_TOKENS, so an oversized document costs the limit to refuse, not a full parse and
    // validation (the limits plugin then answers TOKEN_LIMIT_EXCEEDED in place of the parse error).
    parseOptions: limitsParseOptions(config.limits),
    // Documents by query, bounded by DOCUMENT_CACHE_BYTES as this gateway weighs them.
    documentStore: createDocumentStore(config.caches.documentBytes),
    // Credentials travel in headers (API keys, bearer tokens), never cookies, so a cross-site "simple" request
    // carries no authority; GraphQL-over-HTTP GET must work without a preflight header.
    csrfPrevention: false,
    // `main.ts` owns signals and drains HTTP first.
    stopOnTerminationSignals: false,
    logger: apolloLogger(logger),
    plugins: [
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      // Everything between parsing and the response, in order: pipeline/requestPipeline.ts.
      createRequestPipeline({
        config,
        metrics,
        logger,
        getModel,
        counted,
        persistedDocuments: createPersistedDocumentsStep({
          mode: config.persistedDocuments.mode,
          store: documentStore,
          metrics,
        }),
        usage,
      }),
    ],
  });

  const handleRequest = createRequestHandler({
    apollo,
    logger,
    metrics,
    telemetry,
    authenticator,
    callerAddress: createCallerAddress(config.budgets.trustedProxies),
    maxBodyBytes: config.server.maxBodyBytes,
    largeRequests: createLargeRequestGate({
      thresholdBytes: config.server.largeRequestBytes,
      concurrency: config.server.largeRequestConcurrency,
      bytesPerSecond: config.server.largeRequestBytesPerSecond,
    }),
    counted,
    supergraphId: () => (loaded ? manager.current()?.id : undefined),
    graphiql: config.server.graphiql ? createGraphiql() : undefined,
    draining: () => draining,
  });

  let inflight = 0;
  let onIdle: (() => void) | undefined;
  // Sockets whose current response has written its head: a client error on them can no longer be answered.
  const answering = new WeakMap<Duplex, ServerResponse>();
  const { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs } = config.server;
  const httpServer = createServer(
    {
      // Slow clients (slowloris, a trickled body) are dropped with 408 instead of holding a connection for
      // Node's defaults of 60 s for headers and 300 s for a request.
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      keepAliveTimeout: keepAliveTimeoutMs,
      // How often Node checks those timeouts (default 30 s, longer than a short timeout).
      connectionsCheckingInterval: Math.min(1000, headersTimeoutMs),
    },
    (request, response) => {
      inflight++;
      answering.set(request.socket, response);
      response.once('close', () => {
        if (answering.get(request.socket) === response) answering.delete(request.socket);
        inflight--;
        if (inflight === 0) onIdle?.();
      });
      void handleRequest(request, response);
    },
  );
  httpServer.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) =>
    answerClientError(
      error,
      socket,
      (broken) => answering.get(broken)?.headersSent === true,
      (code) => metrics.errors.inc({ code }),
    ),
  );
  // Node answers an `expect` other than `100-continue` with a bare 417; answer it with a coded error like the rest.
  httpServer.on('checkExpectation', (request, response) => {
    metrics.errors.inc({ code: ErrorCode.EXPECTATION_FAILED });
    sendGraphQLError(
      response,
      417,
      request.headers.accept,
      ErrorCode.EXPECTATION_FAILED,
      'Only "expect: 100-continue" is supported.',
      { connection: 'close' },
    );
  });
  let url = '';
  let closing: Promise<void> | undefined;

  async function drain(graceMs: number): Promise<void> {
    if (inflight === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, graceMs);
      onIdle = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    if (inflight > 0) logger.warn({ inflight }, 'shutdown grace period over; closing remaining connections');
  }

  async function close(): Promise<void> {
    draining = true;
    const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    httpServer.closeIdleConnections();
    await drain(config.server.shutdownGraceMs);
    httpServer.closeAllConnections();
    if (httpServer.listening) await closed;
    if (loaded) await apollo.stop().catch((error: unknown) => logger.error({ err: error }, 'stopping Apollo failed'));
    await documentSource
      ?.stop()
      .catch((error: unknown) => logger.error({ err: error }, 'stopping the persisted documents source failed'));
    await source
      .stop()
      .catch((error: unknown) => logger.error({ err: error }, 'stopping the supergraph source failed'));
    await services.close().catch((error: unknown) => logger.error({ err: error }, 'closing subgraph pools failed'));
    await telemetry.shutdown().catch((error: unknown) => logger.error({ err: error }, 'flushing traces failed'));
    logger.info('gateway stopped');
  }

  return {
    async listen(port = config.server.port, host = config.server.host) {
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          resolve();
        });
      });
      const address = httpServer.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${address.port}/graphql`;
      try {
        if (documentSource) {
          documentStore.replace(await documentSource.start((documents) => documentStore.replace(documents)));
          logger.info(
            { mode: config.persistedDocuments.mode, documents: documentStore.size },
            'persisted documents loaded',
          );
        }
        await apollo.start();
      } catch (error) {
        closing ??= close();
        await closing;
        throw error;
      }
      loaded = true;
      logger.info({ url, supergraph: manager.current()?.id }, 'gateway ready');
      return url;
    },
    close() {
      closing ??= close();
      return closing;
    },
    getSupergraph,
    flushUsage: async () => {
      await usage?.reporter.flush();
    },
    get url() {
      return url;
    },
    metrics,
    httpServer,
  };
}
