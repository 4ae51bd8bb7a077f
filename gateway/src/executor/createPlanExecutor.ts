import { operationFromDocument, type Schema } from '@apollo/federation-internals';
import { type ApolloGateway, buildOperationContext, type GraphQLDataSource } from '@apollo/gateway';
import type { OperationContext } from '@apollo/gateway/dist/operationContext';
import {
  isPlanNode,
  type PlanNode,
  type QueryPlan,
  type QueryPlanner,
  type SubscriptionNode,
} from '@apollo/query-planner';
import type { GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { SpanStatusCode, type Tracer } from '@opentelemetry/api';
import { GraphQLError, getVariableValues, Kind, type SelectionSetNode } from 'graphql';
import { estimateBytes } from '../caching/estimateBytes';
import { LruCache } from '../plugins/cost/lruCache';
import type { JsonObject } from './deepMerge';
import { executePlanNode, type PlanExecution } from './executePlan';
import { shapeResponse } from './shapeResponse';

/** What `ApolloGateway` tells its `experimental_didResolveQueryPlan` hook, told the same way here. */
export interface ResolvedQueryPlan {
  queryPlan: QueryPlan;
  serviceMap: Record<string, GraphQLDataSource>;
  requestContext: GatewayGraphQLRequestContext;
  operationContext: OperationContext;
}

export interface PlanExecutorOptions {
  /** The loaded gateway: its query planner (replaced on every supergraph swap) plans each operation. */
  gateway: Pick<ApolloGateway, '__testing'>;
  /** `ApolloGateway`'s own executor, which runs what this one does not (`@defer`, subscriptions, introspection). */
  stock: GatewayExecutor;
  /** The data source of each subgraph, the same ones `ApolloGateway` built (signing, dedup, metrics). */
  dataSources: () => Record<string, GraphQLDataSource>;
  /** Called once a plan is resolved, before it runs (as `ApolloGateway`'s hook of the same name). */
  didResolveQueryPlan?: (resolved: ResolvedQueryPlan) => void;
  /** Bytes of query plans kept per supergraph (`QUERY_PLAN_CACHE_BYTES`). */
  planCacheBytes: number;
  /** Records `gateway.plan` and `gateway.fetch` spans, as `@apollo/gateway` does; none when tracing is off. */
  tracer?: Tracer;
  /** Counted once per plan run, by the executor that ran it. */
  onExecuted?: (executor: 'switchyard' | 'apollo') => void;
}

interface PlannerState {
  apiSchema: Schema;
  plans: LruCache<string, CachedPlan>;
}

interface CachedPlan {
  plan: QueryPlan;
  /** False for what only the stock executor runs: `@defer`, subscriptions, `contextRewrites`, root introspection. */
  supported: boolean;
}

function isSupported(node: PlanNode | SubscriptionNode | undefined): boolean {
  if (!node) return true;
  switch (node.kind) {
    case 'Sequence':
    case 'Parallel':
      return node.nodes.every(isSupported);
    case 'Flatten':
      return isSupported(node.node);
    case 'Condition':
      return isSupported(node.ifClause) && isSupported(node.elseClause);
    case 'Fetch':
      // `@fromContext` rewrites are the Router's; stock `@apollo/gateway` ignores them, so it answers those plans.
      return !node.contextRewrites?.length;
    default:
      return false;
  }
}

/** Whether the operation selects `__schema` or `__type` at its root, which the stock executor answers itself. */
function selectsIntrospection(selectionSet: SelectionSetNode, context: OperationContext, seen = new Set<string>()) {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === '__schema' || selection.name.value === '__type') return true;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (selectsIntrospection(selection.selectionSet, context, seen)) return true;
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = context.fragments[selection.name.value];
      if (fragment && selectsIntrospection(fragment.selectionSet, context, seen)) return true;
    }
  }
  return false;
}

/**
 * Switchyard's executor for the query plans `@apollo/query-planner` makes (`GATEWAY_EXECUTOR=switchyard`), in place
 * of `ApolloGateway`'s: the same planner, variable validation and hook, its own byte-bounded plan cache per
 * supergraph, fetches through the gateway's data sources, entity results merged in place, and the client's
 * response shaped in one walk at the end. Plans it does not run (`@defer`, subscriptions, root introspection) go to
 * the stock executor, which answers them as before.
 */
export function createPlanExecutor(options: PlanExecutorOptions): GatewayExecutor {
  const states = new WeakMap<QueryPlanner, PlannerState>();

  function stateOf(planner: QueryPlanner): PlannerState {
    let state = states.get(planner);
    if (!state) {
      state = {
        apiSchema: planner.supergraph.apiSchema(),
        plans: new LruCache<string, CachedPlan>(
          options.planCacheBytes,
          (cached, key) => estimateBytes(key) + estimateBytes(cached.plan),
        ),
      };
      states.set(planner, state);
    }
    return state;
  }

  const stock: GatewayExecutor = (requestContext) => {
    options.onExecuted?.('apollo');
    return options.stock(requestContext);
  };

  function planOperation(
    planner: QueryPlanner,
    apiSchema: Schema,
    requestContext: GatewayGraphQLRequestContext,
  ): QueryPlan {
    const { document, request } = requestContext;
    const build = () =>
      planner.buildQueryPlan(operationFromDocument(apiSchema, document, { operationName: request.operationName }));
    if (!options.tracer) return build();
    return options.tracer.startActiveSpan('gateway.plan', (span) => {
      try {
        return build();
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    });
  }

  return async (requestContext) => {
    const planner = options.gateway.__testing().queryPlanner;
    if (!planner) return stock(requestContext);
    const state = stateOf(planner);
    const { request, document, queryHash, schema } = requestContext;
    const operationContext = buildOperationContext({
      schema,
      operationDocument: document,
      operationName: request.operationName,
    });
    if (operationContext.operation.variableDefinitions?.length) {
      const { errors } = getVariableValues(
        schema,
        operationContext.operation.variableDefinitions,
        request.variables ?? {},
      );
      if (errors) return { errors };
    }
    const key = request.operationName ? `${queryHash}\n${request.operationName}` : queryHash;
    let cached = state.plans.get(key);
    if (!cached) {
      const plan = planOperation(planner, state.apiSchema, requestContext);
      cached = {
        plan,
        supported:
          isSupported(plan.node) && !selectsIntrospection(operationContext.operation.selectionSet, operationContext),
      };
      state.plans.set(key, cached);
    }
    if (!cached.supported) return stock(requestContext);
    options.onExecuted?.('switchyard');

    const serviceMap = options.dataSources();
    options.didResolveQueryPlan?.({ queryPlan: cached.plan, serviceMap, requestContext, operationContext });
    const execution: PlanExecution = {
      serviceMap,
      requestContext,
      operationContext,
      supergraphSchema: planner.supergraph.schema,
      errors: [],
      tracer: options.tracer,
    };
    const unshaped: JsonObject = Object.create(null);
    if (isPlanNode(cached.plan.node)) await executePlanNode(execution, cached.plan.node, unshaped);
    let shaped: ReturnType<typeof shapeResponse>;
    try {
      shaped = shapeResponse(
        schema,
        operationContext.operation,
        operationContext.fragments,
        request.variables,
        unshaped,
      );
    } catch (error) {
      if (error instanceof GraphQLError) return { errors: [error] };
      const message = error instanceof Error ? error.message : 'Unexpected error during query plan execution';
      return { errors: [new GraphQLError(message, { originalError: error instanceof Error ? error : undefined })] };
    }
    const { errors } = execution;
    // As `@apollo/gateway` answers: shaping errors are reported apart when no fetch failed, and dropped when one did.
    if (errors.length === 0 && shaped.errors.length > 0) {
      return { extensions: { valueCompletion: shaped.errors }, data: shaped.data };
    }
    return errors.length === 0 ? { data: shaped.data } : { errors, data: shaped.data };
  };
}

type LoadableGateway = Pick<ApolloGateway, 'load' | 'onSchemaLoadOrUpdate' | 'stop'>;

/** `gateway` as Apollo Server loads it, with the executor `replace` makes from the stock one in its place. */
export function withPlanExecutor(
  gateway: LoadableGateway,
  replace: (stock: GatewayExecutor) => GatewayExecutor,
): LoadableGateway {
  return {
    async load(options) {
      const loaded = await gateway.load(options);
      return loaded.executor ? { ...loaded, executor: replace(loaded.executor) } : loaded;
    },
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
  };
}
