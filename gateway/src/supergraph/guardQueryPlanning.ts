import type { ApolloGateway } from '@apollo/gateway';
import type { Logger } from 'pino';
import { SwitchyardError } from '../errors';

type Gateway = Pick<ApolloGateway, 'load' | 'onSchemaLoadOrUpdate' | 'stop'>;
type Executor = NonNullable<Awaited<ReturnType<ApolloGateway['load']>>['executor']>;
type ExecutorContext = Parameters<Executor>[0];

// The query planner's own complexity limits (`@apollo/query-planner` buildPlan): the operation is too big to plan,
// which is the client's to fix. Anything else it throws is the gateway's failure.
const PLANNER_LIMIT = /exceeds limit of|reached the limit of/;

/** What `guardQueryPlanning` gives the gateway: a hook for `ApolloGateway` and a wrapper for Apollo Server. */
export interface QueryPlanningGuard {
  /** `ApolloGateway`'s `experimental_didResolveQueryPlan`: marks a request as planned. */
  didResolveQueryPlan(options: { requestContext: { context: object } }): void;
  /** The gateway Apollo Server is given: its executor answers a failure to plan with a coded error. */
  wrap(gateway: Gateway): Gateway;
}

/**
 * Turns a throw of `ApolloGateway`'s executor before the query plan was resolved (the planner failed) into
 * `QUERY_PLANNING_LIMIT_EXCEEDED` (400, the planner's limit message shown) or `QUERY_PLANNING_FAILED` (500, a
 * generic message), in place of Apollo's uncoded 500. The planner's message is logged either way: at warn for a
 * limit, at error otherwise. A throw after planning (a bug in execution) passes unchanged.
 */
export function guardQueryPlanning(logger: Logger): QueryPlanningGuard {
  const planned = new WeakSet<object>();

  function planningError(error: unknown, requestContext: ExecutorContext): SwitchyardError {
    const message = error instanceof Error ? error.message : String(error);
    const operationName = requestContext.request.operationName ?? null;
    if (PLANNER_LIMIT.test(message)) {
      logger.warn({ operationName, reason: message }, 'the query planner refused an operation over its limits');
      return new SwitchyardError('QUERY_PLANNING_LIMIT_EXCEEDED', `The operation is too complex to plan: ${message}`);
    }
    logger.error({ err: error, operationName }, 'the query planner failed');
    return new SwitchyardError('QUERY_PLANNING_FAILED', 'The gateway could not plan this operation.');
  }

  return {
    didResolveQueryPlan({ requestContext }) {
      planned.add(requestContext.context);
    },
    wrap(gateway) {
      return {
        async load(options) {
          const loaded = await gateway.load(options);
          const { executor } = loaded;
          if (!executor) return loaded;
          return {
            ...loaded,
            executor: async (requestContext) => {
              try {
                return await executor(requestContext);
              } catch (error) {
                if (planned.has(requestContext.context)) throw error;
                throw planningError(error, requestContext);
              }
            },
          };
        },
        onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
        stop: () => gateway.stop(),
      };
    },
  };
}
