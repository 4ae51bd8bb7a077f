import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../../context';
import { createOperationAnalyzer } from './analyzeOperation';
import { collectVariableCoordinates } from './collectCoordinates';
import { createUsageReporter, type UsageReporter } from './createUsageReporter';
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

/** The usage reporting plugin, with its reporter exposed for flushing on demand (tests, admin endpoints). */
export type UsageReportingPlugin = ApolloServerPlugin<GatewayContext> & { reporter: UsageReporter };

/**
 * Counts every resolved operation per signature and client version (requests, errors, latency histogram) with
 * the schema coordinates it references and the subgraphs serving it, and sends the counts to the registry in the
 * background (see `createUsageReporter`). The request path only looks up a cached analysis and increments
 * counters; nothing here can fail or slow a client request. Place it after the policy plugins: it reads the
 * operation the client sent (`contextValue.sent`) and the final errors. An operation refused before execution
 * (throttled, over a limit, unauthorized) counts no field usage: it is counted under `## Refused: <CODE>`.
 */
export function createUsageReportingPlugin(options: UsageReportingOptions): UsageReportingPlugin {
  const reporter = createUsageReporter(options);
  const analyzer = createOperationAnalyzer(options.cacheSize ?? 1000);

  return {
    reporter,
    async serverWillStart() {
      return {
        async serverWillStop() {
          await reporter.stop();
        },
      };
    },
    async requestDidStart() {
      const started = performance.now();
      let executed = false;
      return {
        async executionDidStart() {
          executed = true;
        },
        async willSendResponse(requestContext) {
          try {
            const sent = requestContext.contextValue.sent;
            const document = sent?.document ?? requestContext.document;
            const queryHash = sent?.queryHash ?? requestContext.queryHash;
            const operationName = sent ? sent.operationName : requestContext.operationName;
            const operation = requestContext.operation;
            const client = requestContext.contextValue.client;
            const clientName = client?.name || 'unknown';
            const clientVersion = client?.version ?? '';
            if (!document || !queryHash || !operation) {
              // Only requests that came with a query: anything else was refused before GraphQL saw it.
              if (requestContext.source === undefined) return;
              const meta = document ? validationFailure : parseFailure;
              reporter.record(meta, clientName, clientVersion, performance.now() - started, true);
              return;
            }
            const analysis = analyzer.analyze({
              supergraph: options.getSupergraph(),
              schema: requestContext.schema,
              document,
              queryHash,
              operationName,
            });
            if (!analysis) return;
            const body = requestContext.response.body;
            const responseErrors = body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
            if (!executed) {
              const code = responseErrors?.[0]?.extensions?.code;
              const meta = refusedMeta(typeof code === 'string' ? code : 'UNKNOWN');
              reporter.record(meta, clientName, clientVersion, performance.now() - started, true);
              return;
            }
            const failed = (responseErrors?.length ?? 0) > 0 || (requestContext.errors?.length ?? 0) > 0;
            const variableCoordinates =
              analysis.variables.length > 0
                ? collectVariableCoordinates(analysis.variables, requestContext.request.variables)
                : undefined;
            reporter.record(
              analysis.meta,
              clientName,
              clientVersion,
              performance.now() - started,
              failed,
              variableCoordinates,
            );
          } catch (error) {
            // Usage is best effort: a bug here must never become a client's error.
            options.logger?.debug({ err: error }, 'Usage of a request could not be recorded.');
          }
        },
      };
    },
  };
}
