import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApolloServer, HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';
import type { Logger } from 'pino';
import type { Authenticator } from '../auth';
import type { CallerAddress } from '../auth/callerAddress';
import type { GatewayContext } from '../context';
import { ErrorCode } from '../errors';
import type { GatewayMetrics } from '../metrics';
import type { Telemetry } from '../telemetry/createTelemetry';
import { childTraceparent, parseTraceparent } from '../telemetry/traceparent';
import { createGatewayContext } from './createGatewayContext';
import { type Graphiql, GraphiqlAssetPaths, wantsGraphiql } from './graphiql';
import type { LargeRequestGate } from './largeRequestGate';
import { readBody } from './readBody';
import { readDocumentId } from './readDocumentId';
import { MediaType, send, sendGraphQLError } from './respond';

export interface RequestHandlerOptions {
  apollo: ApolloServer<GatewayContext>;
  logger: Logger;
  metrics: GatewayMetrics;
  telemetry: Telemetry;
  authenticator?: Authenticator;
  /** The caller's address, for the budget of callers without credentials (`auth/createCallerAddress`). */
  callerAddress: CallerAddress;
  /** Largest accepted request body, and query string, in bytes (`config.server.maxBodyBytes`). */
  maxBodyBytes: number;
  /** Admission of large request bodies (`LARGE_REQUEST_BYTES`, `LARGE_REQUEST_CONCURRENCY`); none when omitted. */
  largeRequests?: LargeRequestGate;
  /** Operations counted by the metrics plugin; the rest are counted here. */
  counted: WeakSet<GatewayContext>;
  /** Id of the supergraph being served, undefined until one is loaded. */
  supergraphId(): string | undefined;
  /** True once shutdown began: `/ready` turns 503 and responses close their connection. */
  draining(): boolean;
  /** GraphiQL for browsers at `GET /graphql` (`GRAPHIQL`); none when off. */
  graphiql?: Graphiql;
}

const GRAPHQL_PATH = '/graphql';
/**
 * The probe paths the gateway serves, for manifests to name: `/health` answers 200 while the process serves HTTP
 * (liveness), `/ready` 200 once a supergraph is loaded and until shutdown begins, 503 otherwise (readiness).
 */
export const GatewayProbePaths = { health: '/health', ready: '/ready' } as const;

function headersOf(request: IncomingMessage): { plain: Record<string, string>; map: HeaderMap } {
  const plain: Record<string, string> = {};
  const map = new HeaderMap();
  const raw = request.headers;
  for (const name in raw) {
    const value = raw[name];
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    plain[name] = text;
    map.set(name, text);
  }
  return { plain, map };
}

async function writeApolloResponse(
  response: ServerResponse,
  result: HTTPGraphQLResponse,
  extra: Record<string, string>,
) {
  const headers: Record<string, string | number> = { ...extra };
  for (const [name, value] of result.headers) headers[name] = value;
  if (result.body.kind === 'complete') {
    headers['content-length'] = Buffer.byteLength(result.body.string);
    response.writeHead(result.status ?? 200, headers);
    response.end(result.body.string);
    return;
  }
  response.writeHead(result.status ?? 200, headers);
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}

/**
 * The gateway's HTTP routes on plain `node:http`: `/graphql` (GET and POST, GraphQL-over-HTTP, handed to
 * `ApolloServer.executeHTTPGraphQLRequest`), `/health`, `/ready` and `/metrics`.
 */
export function createRequestHandler(options: RequestHandlerOptions) {
  const { apollo, logger, metrics, telemetry, authenticator, maxBodyBytes, counted, callerAddress } = options;

  async function handleGraphQL(request: IncomingMessage, response: ServerResponse, search: string): Promise<void> {
    const started = performance.now();
    const accept = request.headers.accept;
    const connection: Record<string, string> = options.draining() ? { connection: 'close' } : {};
    let context: GatewayContext | undefined;
    let status = 200;
    let leaveGate: (() => void) | undefined;
    const reject = (code: ErrorCode, httpStatus: number, message: string, headers: Record<string, string>) => {
      status = httpStatus;
      metrics.errors.inc({ code });
      sendGraphQLError(response, httpStatus, accept, code, message, headers);
    };
    try {
      if (!options.supergraphId()) {
        reject(ErrorCode.SUPERGRAPH_NOT_READY, 503, 'The gateway has not loaded a supergraph yet.', {
          ...connection,
          'retry-after': '1',
        });
        return;
      }
      // A GET carries the operation in its query string: the same limit as a body, so neither way around it.
      if (search.length > maxBodyBytes) {
        reject(
          ErrorCode.REQUEST_TOO_LARGE,
          413,
          `The query string exceeds the limit of ${maxBodyBytes} bytes.`,
          connection,
        );
        return;
      }
      let body: unknown;
      if (request.method === 'POST') {
        const declared =
          request.headers['content-length'] === undefined ? -1 : Number(request.headers['content-length']);
        if (options.largeRequests?.isLarge(declared) && declared <= maxBodyBytes) {
          // Its body stays unread until its turn, so its sender waits on TCP backpressure, not the gateway's CPU.
          const gone = new AbortController();
          response.once('close', () => gone.abort());
          leaveGate = await options.largeRequests.enter(declared, gone.signal);
          if (!leaveGate) return;
        }
        const read = await readBody(request, maxBodyBytes);
        if (!read.ok) {
          if (read.reason === 'too-large') {
            // The rest of the body is not read: close the connection rather than leave it half-consumed.
            reject(ErrorCode.REQUEST_TOO_LARGE, 413, `The request body exceeds the limit of ${maxBodyBytes} bytes.`, {
              connection: 'close',
            });
            request.resume();
          } else {
            status = 400;
            response.destroy();
          }
          return;
        }
        const contentType = request.headers['content-type'] ?? '';
        if (contentType.includes('json')) {
          try {
            body = read.body === '' ? undefined : JSON.parse(read.body);
          } catch (error) {
            const reason = error instanceof Error ? error.message : 'unparsable';
            reject(ErrorCode.BAD_REQUEST, 400, `The request body is not valid JSON: ${reason}`, connection);
            return;
          }
        } else {
          body = read.body;
        }
      }

      const headers = headersOf(request);
      const documentId = readDocumentId(request.method, body, search);
      const incoming = headers.plain.traceparent;
      const trace = telemetry.enabled ? telemetry.startRequest(incoming) : undefined;
      const traceparent =
        trace?.traceparent ?? (parseTraceparent(incoming) ? (incoming ?? '') : childTraceparent(undefined));
      const traceId = trace?.traceId ?? traceparent.slice(3, 35);
      const execute = () =>
        apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: request.method ?? 'GET', headers: headers.map, search, body },
          context: async () => {
            context = await createGatewayContext({
              headers: headers.plain,
              logger,
              authenticator,
              traceparent,
              traceId,
              address: callerAddress(request),
              documentId,
            });
            return context;
          },
        });
      let result: HTTPGraphQLResponse;
      try {
        result = trace ? await telemetry.runInSpan(trace.span, execute) : await execute();
      } finally {
        trace?.span.end();
      }
      status = result.status ?? 200;
      await writeApolloResponse(response, result, connection);
    } catch (error) {
      logger.error({ err: error }, 'unhandled error while serving /graphql');
      if (!response.headersSent) {
        reject(ErrorCode.INTERNAL_SERVER_ERROR, 500, 'Internal server error', connection);
      } else {
        status = 500;
        response.destroy();
      }
    } finally {
      leaveGate?.();
      if (!context || !counted.has(context)) {
        metrics.requests.inc({ operation_type: 'unknown', outcome: status < 400 ? 'success' : 'error' });
      }
      metrics.latency.observe((performance.now() - started) / 1000);
    }
  }

  async function handleMetrics(response: ServerResponse): Promise<void> {
    send(response, 200, metrics.registry.contentType, await metrics.registry.metrics());
  }

  return async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = request.url ?? '/';
    const queryStart = url.indexOf('?');
    const path = queryStart === -1 ? url : url.slice(0, queryStart);
    const search = queryStart === -1 ? '' : url.slice(queryStart + 1);
    switch (path) {
      case GRAPHQL_PATH:
        if (options.graphiql && wantsGraphiql(request)) return options.graphiql.servePage(response);
        return handleGraphQL(request, response, search);
      case GraphiqlAssetPaths.script:
      case GraphiqlAssetPaths.stylesheet:
        if (options.graphiql && (await options.graphiql.serveAsset(request, response, path))) return;
        break;
      case GatewayProbePaths.health:
        return send(response, 200, MediaType.JSON, '{"status":"ok"}');
      case GatewayProbePaths.ready: {
        const id = options.supergraphId();
        return id && !options.draining()
          ? send(response, 200, MediaType.JSON, JSON.stringify({ status: 'ready', supergraph: id }))
          : send(
              response,
              503,
              MediaType.JSON,
              JSON.stringify({ status: options.draining() ? 'draining' : 'loading' }),
            );
      }
      case '/metrics':
        return handleMetrics(response).catch((error: unknown) => {
          logger.error({ err: error }, 'could not collect metrics');
          send(response, 500, MediaType.JSON, '{"error":"metrics unavailable"}');
        });
    }
    return sendGraphQLError(
      response,
      404,
      request.headers.accept,
      ErrorCode.NOT_FOUND,
      'Nothing here: GraphQL is served at /graphql (and /health, /ready, /metrics).',
    );
  };
}
