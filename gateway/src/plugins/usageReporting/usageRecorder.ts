import { createHash } from 'node:crypto';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { ClientInfo, ClientOperation } from '../../context';
import type { SubgraphFetchTally } from '../../subgraphs/subgraphFetchTally';
import type { SupergraphModel } from '../../supergraph/supergraphModel';
import { createOperationAnalyzer } from './analyzeOperation';
import { collectVariableCoordinates } from './collectCoordinates';
import { createUsageReporter, type UsageReporter } from './createUsageReporter';
import { errorCodesOf } from './errorCodes';
import type { UsageReportingOptions } from './options';
import type { OperationMeta } from './usageBuffer';

/** Requests that never reached an operation still count, under fixed pseudo-operations (as Apollo's reports do). */
function failureMeta(document: string): OperationMeta {
  return {
    signature: createHash('sha256').update(document).digest('hex'),
    name: document,
    type: 'query',
    document,
    coordinates: [],
    subgraphs: [],
  };
}
const parseFailure = failureMeta('## GraphQLParseFailure');
const validationFailure = failureMeta('## GraphQLValidationFailure');
/** Operations refused before execution (throttled, over a limit, unauthorized): counted per code, no field used. */
const refusals = new Map<string, OperationMeta>();
function refusedMeta(code: string): OperationMeta {
  let meta = refusals.get(code);
  if (!meta) {
    meta = failureMeta(`## Refused: ${code}`);
    if (refusals.size < 100) refusals.set(code, meta);
  }
  return meta;
}

/** A request as the pipeline finished it: what usage counts. */
export interface FinishedRequest {
  /** False when the request carried no GraphQL document (refused before GraphQL saw it): not counted. */
  hadQuery: boolean;
  /** False when the document did not parse. */
  parsed: boolean;
  /** The operation the client sent, as captured before any policy; undefined when none was resolved. */
  sent: ClientOperation | undefined;
  /** Whether an operation was executed (false when refused before execution). */
  executed: boolean;
  schema: GraphQLSchema;
  model: SupergraphModel | undefined;
  variables: Record<string, unknown> | undefined;
  client: ClientInfo;
  /** Coordinates the query plan read to join subgraphs (entity keys, `@requires` fields). */
  planCoordinates?: readonly string[];
  /** The fetches its query plan sent, per subgraph. */
  subgraphFetches?: ReadonlyMap<string, SubgraphFetchTally>;
  /** The final response's errors, authorization errors included. */
  errors: readonly GraphQLFormattedError[] | undefined;
  elapsedMs: number;
  /** Its document was not a persisted document, served anyway (`PERSISTED_DOCUMENTS=log`). */
  unknownDocument?: boolean;
}

/** Field usage of finished requests, counted and sent to the registry in the background. */
export interface UsageRecorder {
  readonly reporter: UsageReporter;
  /** Counts one finished request. Never throws: usage is best effort and must not become a client's error. */
  record(request: FinishedRequest): void;
  stop(): Promise<void>;
}

/**
 * Counts every finished request per signature and client version (requests, errors, latency histogram) with the
 * schema coordinates it references and the subgraphs serving it, from the operation the client sent (callers with
 * different rights share one signature and every requested field). An operation refused before execution counts
 * no field usage: it is counted under `## Refused: <CODE>`. Sending is `createUsageReporter`'s.
 */
export function createUsageRecorder(options: UsageReportingOptions): UsageRecorder {
  const reporter = createUsageReporter(options);
  const analyzer = createOperationAnalyzer(options.cacheBytes ?? 4 * 1024 * 1024);

  function record(request: FinishedRequest): void {
    const clientName = request.client.name || 'unknown';
    const clientVersion = request.client.version ?? '';
    const { sent, model } = request;
    if (!sent || !model) {
      if (!request.hadQuery) return;
      reporter.record(
        request.parsed ? validationFailure : parseFailure,
        clientName,
        clientVersion,
        request.elapsedMs,
        true,
        undefined,
        errorCodesOf(request.errors),
      );
      return;
    }
    const analysis = analyzer.analyze({
      model,
      schema: request.schema,
      document: sent.document,
      queryHash: sent.queryHash,
      operationName: sent.operationName,
    });
    if (!analysis) return;
    if (!request.executed) {
      const code = request.errors?.[0]?.extensions?.code;
      reporter.record(
        refusedMeta(typeof code === 'string' ? code : 'UNKNOWN'),
        clientName,
        clientVersion,
        request.elapsedMs,
        true,
        undefined,
        errorCodesOf(request.errors),
      );
      return;
    }
    let variableCoordinates =
      analysis.variables.length > 0 ? collectVariableCoordinates(analysis.variables, request.variables) : undefined;
    // What the plan read for joins counts once per request, unless the client selected it too (counted already).
    for (const coordinate of request.planCoordinates ?? []) {
      if (analysis.selected.has(coordinate)) continue;
      variableCoordinates ??= new Set();
      variableCoordinates.add(coordinate);
    }
    reporter.record(
      analysis.meta,
      clientName,
      clientVersion,
      request.elapsedMs,
      (request.errors?.length ?? 0) > 0,
      variableCoordinates,
      errorCodesOf(request.errors),
      request.unknownDocument,
      request.subgraphFetches,
    );
  }

  return {
    reporter,
    record(request) {
      try {
        record(request);
      } catch (error) {
        options.logger?.debug({ err: error }, 'Usage of a request could not be recorded.');
      }
    },
    stop: () => reporter.stop(),
  };
}
