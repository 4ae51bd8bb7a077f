import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import type { Logger } from 'pino';
import { type GatewayConfig, operationCacheShare } from '../config';
import type { ClientOperation, GatewayContext } from '../context';
import { ErrorCode, SwitchyardError } from '../errors';
import type { GatewayMetrics } from '../metrics';
import { type Access, createAuthorizationStep } from '../plugins/authorization/authorizationStep';
import { PLACEHOLDER_KEY } from '../plugins/authorization/findUnauthorizedSelections';
import { createBudgetStep } from '../plugins/budgets/budgetStep';
import type { BudgetStore } from '../plugins/budgets/budgetStore';
import { createCostStep } from '../plugins/cost/costStep';
import { createLimitsStep } from '../plugins/limits/limitsStep';
import { DocumentOutcome, type PersistedDocumentsStep } from '../plugins/persistedDocuments';
import type { UsageRecorder } from '../plugins/usageReporting/usageRecorder';
import type { SupergraphModel } from '../supergraph/supergraphModel';
import { countRequest } from '../telemetry/countRequest';
import { findOperationSelectionError } from './findOperationSelectionError';

/** What the pipeline needs from the gateway. */
export interface RequestPipelineOptions {
  config: Pick<GatewayConfig, 'limits' | 'auth' | 'budgets'> & { caches?: GatewayConfig['caches'] };
  metrics: GatewayMetrics;
  logger: Pick<Logger, 'warn' | 'debug'>;
  /** The served supergraph's model, built once per swap (see `buildSupergraphModel`). */
  getModel: () => SupergraphModel;
  /** Overrides the budget store chosen from `config.budgets`; closed when the server stops. */
  budgetStore?: BudgetStore;
  /** Resolves and enforces persisted documents (`PERSISTED_DOCUMENTS`); none when off. */
  persistedDocuments?: PersistedDocumentsStep;
  /** Field usage of every finished request; none when usage reporting is off. */
  usage?: UsageRecorder;
  /** Filled with the context of every request counted here, so the HTTP layer counts the others once. */
  counted?: WeakSet<GatewayContext>;
  now?: () => number;
}

/** What one request went through, kept between Apollo's hooks. */
interface RequestState {
  started: number;
  tokenLimit?: SwitchyardError;
  sent?: ClientOperation;
  model?: SupergraphModel;
  access?: Access;
  taken: number;
  executed: boolean;
  /** A persisted documents refusal (`PERSISTED_QUERY_REQUIRED`, `…_NOT_FOUND`), answered before anything else. */
  refusal?: SwitchyardError;
  /** Served though not a persisted document (`PERSISTED_DOCUMENTS=log`): marked in usage. */
  unknownDocument?: boolean;
}

/**
 * The gateway's request pipeline, one Apollo plugin whose order is the code's order:
 *
 * 0. persisted documents, before anything is parsed: the document an id names, or the refusal of one that is not
 *    persisted (`PERSISTED_DOCUMENTS=require`);
 * 1. capture what the client sent, frozen, before anything rewrites it;
 * 2. refuse an operation that cannot be selected or served;
 * 3. limits: introspection, root fields, depth, aliases (tokens are the parser's);
 * 4. authorization: filter or reject what the caller may not see;
 * 5. cost of what will run, refused over the limit;
 * 6. budget: the caller pays it, or is throttled;
 * 7. execute (Apollo Gateway);
 * 8. finish, once the response is final: authorization nulls, actual cost, refund, `extensions.cost`; then
 *    account for it: metrics outcome and errors by code, field usage.
 *
 * Every step reads the captured operation and the served supergraph's one model, and returns a decision or a
 * coded error, which stops the steps after it.
 */
export function createRequestPipeline(options: RequestPipelineOptions): ApolloServerPlugin<GatewayContext> {
  const { config, metrics, getModel } = options;
  // Each step's share of OPERATION_CACHE_BYTES (see `config.caches`); the steps' own defaults without one.
  const share = config.caches ? operationCacheShare(config.caches) : undefined;
  const limits = createLimitsStep(config.limits, share);
  const authorization = createAuthorizationStep(config.auth.authorizationMode, share);
  const cost = createCostStep(config.limits, metrics, share);
  const budget = createBudgetStep({
    budgets: config.budgets,
    store: options.budgetStore,
    metrics,
    logger: options.logger,
    now: options.now,
  });
  const now = () => performance.now();

  return {
    async serverWillStart() {
      return {
        async serverWillStop() {
          await Promise.all([budget.close(), options.usage?.stop()]);
        },
      };
    },
    async requestDidStart(request) {
      const state: RequestState = { started: now(), taken: 0, executed: false };
      // 0. Persisted documents: Apollo reads `request.query` (and the APQ extension) only after this hook; a refusal
      // is answered at the first hook that may throw, with a stand-in document in place of the refused one.
      const documents = options.persistedDocuments?.resolve(request.request, request.contextValue.documentId);
      state.refusal = documents?.refusal;
      state.unknownDocument = documents?.outcome === DocumentOutcome.UNKNOWN;
      return {
        async parsingDidStart() {
          return async (error) => {
            if (error) state.tokenLimit = limits.tokenLimitError(error);
          };
        },

        async didResolveOperation(request) {
          if (state.refusal) throw state.refusal;
          // 1. What the client sent, before any step rewrites the document.
          const sent: ClientOperation = Object.freeze({
            document: request.document,
            queryHash: request.queryHash,
            operationName: request.operationName,
            type: request.operation?.operation ?? 'query',
          });
          request.contextValue.sent = sent;
          // 2. An operation to run.
          const unselectable = findOperationSelectionError(
            request.document,
            request.request.operationName,
            request.operation,
            request.schema,
          );
          if (unselectable) throw unselectable;
          state.sent = sent;
          const model = getModel();
          state.model = model;
          // 3. Limits.
          const overLimit = limits.check(sent);
          if (overLimit) throw overLimit;
          // 4. Authorization.
          const { identity, client } = request.contextValue;
          const { access, refusal } = authorization.decide({ sent, schema: request.schema, model, identity });
          state.access = access;
          if (refusal) throw refusal;
          if (access.document !== sent.document) {
            Object.assign(request, {
              document: access.document,
              operation: access.operation,
              queryHash: access.queryHash,
            });
          }
          // 5. Cost of what will run.
          const decision = cost.decide({
            schema: request.schema,
            model,
            document: access.document,
            queryHash: access.queryHash,
            operationName: sent.operationName,
            variables: request.request.variables,
          });
          request.contextValue.cost = decision.cost;
          if (decision.refusal) throw decision.refusal;
          // 6. Budget.
          const paid = await budget.pay(client.id, decision.cost);
          if (paid instanceof SwitchyardError) throw paid;
          state.taken = paid;
        },

        async executionDidStart() {
          state.executed = true;
        },

        async willSendResponse(request) {
          const result = request.response.body.kind === 'single' ? request.response.body.singleResult : undefined;
          if (result) await finish(request, result, state);
          account(request, result, state);
        },
      };
    },
  };

  /** 8a. The response's final shape. */
  async function finish(
    request: GraphQLRequestContext<GatewayContext>,
    result: FormattedExecutionResult,
    state: RequestState,
  ): Promise<void> {
    if (state.tokenLimit) {
      const { message, code, extensions } = state.tokenLimit;
      Object.assign(result, {
        errors: [{ message, extensions: { code, limit: config.limits.maxTokens, measured: extensions.measured } }],
      });
      request.response.http.status = 400;
      return;
    }
    const { access, model, sent } = state;
    const context = request.contextValue;
    // Refused before the estimate (depth, aliases, authorization): estimate now so the client still sees it.
    if (!context.cost && sent && model) {
      context.cost = cost.decide({
        schema: request.schema,
        model,
        document: access?.document ?? sent.document,
        queryHash: access?.queryHash ?? sent.queryHash,
        operationName: sent.operationName,
        variables: request.request.variables,
      }).cost;
    }
    const operationCost = context.cost;
    // The walk measuring the actual cost also strips authorization's placeholders, so the response is walked once.
    const measure = Boolean(model && sent && operationCost && operationCost.actual === undefined);
    const placeholders = access && access.unauthorized.length > 0 && access.document !== sent?.document;
    if (access && model) {
      const before = result.errors?.length ?? 0;
      authorization.finish(result, request.schema, access, { stripPlaceholders: !measure });
      const added = (result.errors?.length ?? 0) - before;
      for (let i = 0; i < added; i++) metrics.errors.inc({ code: ErrorCode.UNAUTHORIZED_FIELD_OR_TYPE });
    }
    if (!operationCost) return;
    if (measure && model && sent && result.data) {
      operationCost.actual = cost.actual(
        {
          schema: request.schema,
          model,
          document: access?.document ?? sent.document,
          operationName: sent.operationName,
        },
        result.data,
        placeholders ? PLACEHOLDER_KEY : undefined,
      );
    }
    // Never executed (the planner or the executor refused it before any data): nothing was used.
    await budget.refund(context.client.id, operationCost, state.taken, result.data != null);
    Object.assign(result, { extensions: { ...result.extensions, cost: operationCost } });
  }

  /** 8b. Accounting, from the final response. */
  function account(
    request: GraphQLRequestContext<GatewayContext>,
    result: FormattedExecutionResult | undefined,
    state: RequestState,
  ): void {
    options.counted?.add(request.contextValue);
    countRequest(metrics, request.operation?.operation, result);
    options.usage?.record({
      // A refused document never reached Apollo (a stand-in did): nothing of it to count.
      hadQuery: request.source !== undefined && !state.refusal,
      parsed: request.document !== undefined,
      sent: state.sent,
      executed: state.executed,
      schema: request.schema,
      model: state.model,
      variables: request.request.variables,
      client: request.contextValue.client,
      planCoordinates: request.contextValue.planCoordinates,
      subgraphFetches: request.contextValue.subgraphFetches,
      errors: result?.errors,
      elapsedMs: now() - state.started,
      unknownDocument: state.unknownDocument,
    });
  }
}
