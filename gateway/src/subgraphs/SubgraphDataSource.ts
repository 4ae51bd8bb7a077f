import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { SpanStatusCode } from '@opentelemetry/api';
import type { GraphQLFormattedError } from 'graphql';
import type { Dispatcher } from 'undici';
import type { GatewayContext } from '../context';
import { ErrorCode } from '../errors';
import type { GatewayMetrics } from '../metrics';
import type { LruCache } from '../plugins/cost/lruCache';
import type { Telemetry } from '../telemetry/createTelemetry';
import { childTraceparent } from '../telemetry/traceparent';
import { cleanSubgraphErrors, type SubgraphErrorMode } from './cleanSubgraphErrors';
import { dedupeRepresentations, fanOutEntities } from './dedupeRepresentations';
import type { InflightDeduper } from './inflightDeduper';
import { readBodyWithin } from './readBodyWithin';
import { countSubgraphFetch } from './subgraphFetchTally';
import { buildSubgraphHeaders, SubgraphHeader } from './subgraphHeaders';
import type { SubgraphTokenSigner } from './subgraphIdentityToken';

export type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/** How one HTTP exchange with a subgraph ended; the raw text is shared between deduplicated callers. */
export type FetchOutcome =
  | { kind: 'response'; status: number; text: string }
  | { kind: 'timeout' }
  | { kind: 'too_large' }
  | { kind: 'unavailable'; reason: string };

export interface SubgraphDataSourceOptions {
  /** Subgraph name, as in the supergraph's `join__Graph`. */
  name: string;
  /** Subgraph GraphQL URL. */
  url: string;
  /** Keep-alive HTTP client shared by every subgraph (one pool per origin). */
  dispatcher: Dispatcher;
  /** Deadline of one fetch in milliseconds, body included. */
  timeoutMs: number;
  /** Largest response body read, in bytes; over it the fetch is aborted with `SUBGRAPH_RESPONSE_TOO_LARGE`. */
  maxResponseBytes: number;
  /** What clients see of this subgraph's own errors (see `cleanSubgraphErrors`). */
  errors: SubgraphErrorMode;
  forwardHeaders: readonly string[];
  /** Signs the caller's identity token for this subgraph. */
  identitySigner?: SubgraphTokenSigner;
  /** The JSON-escaped text of each fetch query, shared by the data sources of one gateway and bounded by bytes. */
  escapedQueries: LruCache<string, string>;
  /** In-flight deduplication shared by the data sources of one gateway; none when `SUBGRAPH_DEDUPLICATION` is off. */
  inflight: InflightDeduper<FetchOutcome> | undefined;
  metrics: GatewayMetrics;
  telemetry: Telemetry;
}

// Headers that name the request rather than the caller: identical fetches still share one call when they differ.
const REQUEST_SCOPED_HEADERS: ReadonlySet<string> = new Set(['x-request-id', 'x-correlation-id']);

// JSON-escaping a planner's query text costs as much as the rest of the body; fetch queries are few and reused.
function escapeQuery(escapedQueries: LruCache<string, string>, query: string): string {
  let escaped = escapedQueries.get(query);
  if (escaped === undefined) {
    escaped = JSON.stringify(query);
    escapedQueries.set(query, escaped);
  }
  return escaped;
}

function buildBody(
  escapedQueries: LruCache<string, string>,
  query: string,
  variables: Record<string, unknown> | undefined,
  operationName?: string,
): string {
  let body = `{"query":${escapeQuery(escapedQueries, query)}`;
  if (variables && Object.keys(variables).length > 0) body += `,"variables":${JSON.stringify(variables)}`;
  if (operationName) body += `,"operationName":${JSON.stringify(operationName)}`;
  return `${body}}`;
}

/** What besides the body makes two fetches different: the subgraph and the headers it receives (a few hundred bytes). */
function dedupeScope(name: string, headers: Record<string, string>): string {
  let key = name;
  for (const header in headers) {
    if (!REQUEST_SCOPED_HEADERS.has(header)) key += `\n${header}:${headers[header]}`;
  }
  return key;
}

function isMutation(query: string): boolean {
  return /^\s*mutation\b/.test(query);
}

function describeFailure(error: unknown): string {
  if (error && typeof error === 'object') {
    const { code, cause } = error as { code?: unknown; cause?: unknown };
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
    if (cause && typeof cause === 'object' && typeof (cause as { code?: unknown }).code === 'string') {
      return (cause as { code: string }).code;
    }
    if (error instanceof Error) return error.message;
  }
  return String(error);
}

/**
 * Sends the gateway's fetches to one subgraph over a keep-alive pool. Beyond what stock `RemoteGraphQLDataSource`
 * does, it deduplicates identical in-flight queries and duplicate `_entities` representations, enforces a deadline,
 * forwards identity and trace headers, and turns failures into errors naming the subgraph (partial data, never a
 * thrown exception that would hide the rest of the response).
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly origin: string;
  private readonly path: string;

  constructor(private readonly options: SubgraphDataSourceOptions) {
    const url = new URL(options.url);
    this.origin = url.origin;
    this.path = `${url.pathname}${url.search}`;
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const { request } = options;
    const query = request.query ?? '';
    // Only operations of clients carry a request context (not the gateway's own health checks).
    const context = 'incomingRequestContext' in options ? options.context : undefined;
    let variables = request.variables;
    const representations: unknown = variables?.representations;
    const deduped = Array.isArray(representations) ? dedupeRepresentations(representations) : undefined;
    if (deduped) {
      variables = { ...variables, representations: deduped.unique };
      this.options.metrics.subgraphDeduplicated.inc(
        { subgraph: this.options.name, kind: 'representations' },
        (representations as unknown[]).length - deduped.unique.length,
      );
    }
    const started = performance.now();
    const body = buildBody(this.options.escapedQueries, query, variables, request.operationName);
    const headers = await buildSubgraphHeaders(context, this.options);

    let outcome: FetchOutcome;
    const { inflight } = this.options;
    if (!inflight || isMutation(query)) {
      outcome = await this.send(body, headers, context);
    } else {
      const { promise, shared } = inflight.run(dedupeScope(this.options.name, headers), body, () =>
        this.send(body, headers, context),
      );
      if (shared) this.options.metrics.subgraphDeduplicated.inc({ subgraph: this.options.name, kind: 'inflight' });
      outcome = await promise;
    }
    const response = this.toResponse(outcome);
    if (context) {
      // One plan fetch node executed for this request: its usage counts it, whether or not its call was shared.
      const failed = outcome.kind !== 'response' || outcome.status >= 400 || (response.errors?.length ?? 0) > 0;
      context.subgraphFetches ??= new Map();
      countSubgraphFetch(context.subgraphFetches, this.options.name, performance.now() - started, failed);
    }
    return deduped ? fanOutEntities(response, deduped) : response;
  }

  private async send(
    body: string,
    headers: Record<string, string>,
    context: GatewayContext | undefined,
  ): Promise<FetchOutcome> {
    const { name, telemetry, metrics, dispatcher, timeoutMs, maxResponseBytes } = this.options;
    const fetchSpan = telemetry.enabled ? telemetry.startSubgraphFetch(name) : undefined;
    const sent = {
      ...headers,
      [SubgraphHeader.TRACEPARENT]: fetchSpan?.traceparent ?? childTraceparent(context?.traceparent),
    };
    const started = performance.now();
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    let outcome: FetchOutcome;
    try {
      const response = await dispatcher.request({
        origin: this.origin,
        path: this.path,
        method: 'POST',
        headers: sent,
        body,
        signal: controller.signal,
      });
      const text = await readBodyWithin(response, maxResponseBytes);
      outcome = text === undefined ? { kind: 'too_large' } : { kind: 'response', status: response.statusCode, text };
    } catch (error) {
      outcome = timedOut ? { kind: 'timeout' } : { kind: 'unavailable', reason: describeFailure(error) };
    } finally {
      clearTimeout(timer);
    }
    const label = outcome.kind === 'response' ? (outcome.status < 400 ? 'ok' : 'http_error') : outcome.kind;
    metrics.subgraphLatency.observe({ subgraph: name, outcome: label }, (performance.now() - started) / 1000);
    if (fetchSpan) {
      fetchSpan.span.setAttribute('http.response.status_code', outcome.kind === 'response' ? outcome.status : 0);
      if (label !== 'ok') fetchSpan.span.setStatus({ code: SpanStatusCode.ERROR, message: label });
      fetchSpan.span.end();
    }
    if (label !== 'ok') {
      context?.logger.warn(
        { subgraph: name, outcome: label, ...(outcome.kind === 'unavailable' ? { reason: outcome.reason } : {}) },
        'subgraph fetch failed',
      );
    }
    return outcome;
  }

  private toResponse(outcome: FetchOutcome): SubgraphResponse {
    const { name, timeoutMs, maxResponseBytes } = this.options;
    if (outcome.kind === 'too_large') {
      return failure(
        ErrorCode.SUBGRAPH_RESPONSE_TOO_LARGE,
        `Subgraph "${name}" answered more than ${maxResponseBytes} bytes; the response was not read.`,
        { subgraph: name, maxResponseBytes },
      );
    }
    if (outcome.kind === 'timeout') {
      return failure(ErrorCode.SUBGRAPH_TIMEOUT, `Subgraph "${name}" did not answer within ${timeoutMs} ms.`, {
        subgraph: name,
        timeoutMs,
      });
    }
    if (outcome.kind === 'unavailable') {
      return failure(ErrorCode.SUBGRAPH_UNAVAILABLE, `Subgraph "${name}" is unavailable (${outcome.reason}).`, {
        subgraph: name,
      });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(outcome.text);
    } catch {
      parsed = undefined;
    }
    // GraphQL-over-HTTP lets a subgraph answer 4xx with a GraphQL body (validation errors): pass those through.
    if (parsed && typeof parsed === 'object' && ('data' in parsed || 'errors' in parsed)) {
      const { errors, ...rest } = parsed as SubgraphResponse;
      // Only message, path and code of a subgraph's errors reach clients (stack traces, internal extensions do not).
      return Array.isArray(errors) ? { ...rest, errors: cleanSubgraphErrors(errors, name, this.options.errors) } : rest;
    }
    return failure(
      ErrorCode.SUBGRAPH_UNAVAILABLE,
      `Subgraph "${name}" answered HTTP ${outcome.status} without a GraphQL response.`,
      { subgraph: name, status: outcome.status },
    );
  }
}

function failure(code: ErrorCode, message: string, data: Record<string, unknown>): SubgraphResponse {
  const error: GraphQLFormattedError = { message, extensions: { code, ...data } };
  return { data: null, errors: [error] };
}
