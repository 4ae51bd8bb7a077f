import { ERRORS, errorCodeDef, type Schema } from '@apollo/federation-internals';
import type { GraphQLDataSource } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import type { OperationContext } from '@apollo/gateway/dist/operationContext';
import type { FetchNode, PlanNode, QueryPlanSelectionNode, ResponsePath } from '@apollo/query-planner';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { SpanStatusCode, type Tracer } from '@opentelemetry/api';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { applyRewrites, isObjectOfType } from './dataRewrites';
import { deepMerge, type JsonObject } from './deepMerge';

/** What one plan's execution shares: the request, its data sources, and the errors the fetches met. */
export interface PlanExecution {
  serviceMap: Readonly<Record<string, GraphQLDataSource>>;
  requestContext: GatewayGraphQLRequestContext;
  operationContext: OperationContext;
  /** The supergraph schema (federation-internals), which type conditions in `requires` and rewrites test against. */
  supergraphSchema: Schema;
  /** Fetch errors, in the order the fetches ended, with their paths in the client's response. */
  errors: GraphQLError[];
  /** Records a `gateway.fetch` span around each fetch (as `@apollo/gateway` does); none when tracing is off. */
  tracer?: Tracer;
}

interface Cursor {
  path: ResponsePath;
  data: unknown;
  fullResult: JsonObject;
}

const hasOwn = (object: object, key: string) => Object.hasOwn(object, key);
const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Runs a query plan's nodes into `data` (the unshaped response, merged in place), as `@apollo/gateway`'s
 * `executeQueryPlan` does: sequences in order, parallel nodes together, flatten nodes on every object at their path
 * (`@` entering each list element), conditions on the request's variables. A failed fetch adds its error and
 * leaves its part of the data unfilled; the rest runs on. `Defer` and `Subscription` nodes are never given here.
 */
export async function executePlanNode(execution: PlanExecution, node: PlanNode, data: JsonObject): Promise<void> {
  await executeNode(execution, node, { path: [], data, fullResult: data });
}

async function executeNode(execution: PlanExecution, node: PlanNode, cursor: Cursor): Promise<void> {
  switch (node.kind) {
    case 'Sequence':
      for (const child of node.nodes) await executeNode(execution, child, cursor);
      return;
    case 'Parallel':
      await Promise.all(node.nodes.map((child) => executeNode(execution, child, cursor)));
      return;
    case 'Flatten': {
      const data = flattenResultsAtPath(cursor.data, node.path);
      // Nothing at the path (a null parent): the node has nothing to fetch for.
      if (data === undefined || data === null) return;
      await executeNode(execution, node.node, {
        path: cursor.path.concat(node.path),
        data,
        fullResult: cursor.fullResult,
      });
      return;
    }
    case 'Fetch':
      if (execution.tracer) {
        const before = execution.errors.length;
        await execution.tracer.startActiveSpan('gateway.fetch', { attributes: { service: node.serviceName } }, (span) =>
          fetchInto(execution, node, cursor).finally(() => {
            if (execution.errors.length > before) span.setStatus({ code: SpanStatusCode.ERROR });
            span.end();
          }),
        );
      } else {
        await fetchInto(execution, node, cursor);
      }
      return;
    case 'Condition': {
      const branch = evaluateCondition(execution, node.condition) ? node.ifClause : node.elseClause;
      if (branch) await executeNode(execution, branch, cursor);
      return;
    }
    case 'Defer':
      throw new Error('@defer support is not available in the gateway');
  }
}

/** Runs one fetch; a failure becomes an error of the response, never a throw. */
async function fetchInto(execution: PlanExecution, fetch: FetchNode, cursor: Cursor): Promise<void> {
  try {
    await executeFetch(execution, fetch, cursor);
  } catch (error) {
    execution.errors.push(toGraphQLError(error));
  }
}

function toGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new GraphQLError(message, { originalError: error instanceof Error ? error : undefined });
}

function evaluateCondition(execution: PlanExecution, variable: string): boolean {
  const values = execution.requestContext.request.variables;
  let value: unknown = values && hasOwn(values, variable) ? values[variable] : undefined;
  if (value === undefined) {
    const definition = execution.operationContext.operation.variableDefinitions?.find(
      (candidate) => candidate.variable.name.value === variable,
    );
    const literal = definition?.defaultValue;
    if (literal?.kind === 'BooleanValue') value = literal.value;
  }
  if (typeof value !== 'boolean') throw new Error(`Missing value for variable $${variable} (and no default found)`);
  return value;
}

function flattenResultsAtPath(value: unknown, path: ResponsePath, from = 0): unknown {
  if (from === path.length || value === undefined || value === null) return value;
  const current = path[from];
  if (current === '@') {
    if (!Array.isArray(value)) throw new Error('Expected an array at a list mark of a flatten path');
    return value.flatMap((element) => flattenResultsAtPath(element, path, from + 1));
  }
  if (typeof current !== 'string') throw new Error(`Unexpected ${typeof current} found in path`);
  if (Array.isArray(value)) throw new Error(`Unexpected array in result for path element ${current}`);
  const object = value as JsonObject;
  return flattenResultsAtPath(hasOwn(object, current) ? object[current] : undefined, path, from + 1);
}

async function executeFetch(execution: PlanExecution, fetch: FetchNode, cursor: Cursor): Promise<void> {
  const service = execution.serviceMap[fetch.serviceName];
  if (!service) throw new Error(`Couldn't find service with name "${fetch.serviceName}"`);
  const entities: unknown[] = Array.isArray(cursor.data)
    ? cursor.data.filter((entity) => entity !== null && entity !== undefined)
    : [cursor.data];
  if (entities.length < 1) return;

  const variables: Record<string, unknown> = Object.create(null);
  const provided = execution.requestContext.request.variables;
  if (fetch.variableUsages && provided) {
    for (const name of fetch.variableUsages) {
      if (hasOwn(provided, name) && provided[name] !== undefined) variables[name] = provided[name];
    }
  }

  if (!fetch.requires) {
    const received = await send(execution, fetch, cursor, variables);
    if (received) applyRewrites(execution.supergraphSchema, fetch.outputRewrites, received);
    for (const entity of entities) deepMerge(entity, received);
    return;
  }

  const representations: JsonObject[] = [];
  const representationToEntity: number[] = [];
  for (let index = 0; index < entities.length; index++) {
    const representation = selectRepresentation(execution.supergraphSchema, entities[index], fetch.requires);
    if (representation?.__typename) {
      applyRewrites(execution.supergraphSchema, fetch.inputRewrites, representation);
      representations.push(representation);
      representationToEntity.push(index);
    }
  }
  if (representations.length < 1) return;
  if ('representations' in variables) throw new Error('Variables cannot contain key "representations"');
  const received = await send(execution, fetch, cursor, { ...variables, representations });
  if (!received) return;
  const receivedEntities = received._entities;
  if (!Array.isArray(receivedEntities)) throw new Error('Expected "data._entities" in response to be an array');
  if (receivedEntities.length !== representations.length) {
    throw new Error(`Expected "data._entities" to contain ${representations.length} elements`);
  }
  for (let i = 0; i < receivedEntities.length; i++) {
    const receivedEntity: unknown = receivedEntities[i];
    const existing = entities[representationToEntity[i] ?? -1] as JsonObject;
    if (isObject(receivedEntity) && !receivedEntity.__typename) receivedEntity.__typename = existing.__typename;
    applyRewrites(execution.supergraphSchema, fetch.outputRewrites, receivedEntity);
    deepMerge(existing, receivedEntity);
  }
}

/** The representation of one entity: the `requires` selection read from what earlier fetches wrote (null when a field is missing). */
function selectRepresentation(
  schema: Schema,
  source: unknown,
  selections: readonly QueryPlanSelectionNode[],
): JsonObject | null {
  if (source === null || source === undefined) return null;
  const object = source as JsonObject;
  const result: JsonObject = Object.create(null);
  for (const selection of selections) {
    if (selection.kind === 'Field') {
      const responseName = selection.alias ?? selection.name;
      if (!hasOwn(object, responseName) || object[responseName] === undefined) return null;
      const value = object[responseName];
      const nested = selection.selections;
      if (Array.isArray(value)) {
        result[responseName] = value.map((element) =>
          nested ? selectRepresentation(schema, element, nested) : element,
        );
      } else if (nested) {
        result[responseName] = selectRepresentation(schema, value, nested);
      } else {
        result[responseName] = value;
      }
    } else if (selection.typeCondition && isObjectOfType(schema, object, selection.typeCondition)) {
      deepMerge(result, selectRepresentation(schema, object, selection.selections));
    }
  }
  return result;
}

async function send(
  execution: PlanExecution,
  fetch: FetchNode,
  cursor: Cursor,
  variables: Record<string, unknown>,
): Promise<JsonObject | null | undefined> {
  const { requestContext } = execution;
  const service = execution.serviceMap[fetch.serviceName];
  if (!service) throw new Error(`Couldn't find service with name "${fetch.serviceName}"`);
  const response = await service.process({
    kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
    request: { query: fetch.operation, variables, operationName: fetch.operationName },
    incomingRequestContext: requestContext,
    context: requestContext.context,
    document: fetch.operationDocumentNode,
    pathInIncomingRequest: cursor.path,
  });
  if (response.errors) {
    const errorPath = lazyErrorPath(fetch, cursor);
    for (const error of response.errors) {
      execution.errors.push(downstreamServiceError(error, fetch.serviceName, errorPath));
    }
    if (!response.extensions?.ftv1) {
      const paths = response.errors.map((error) => ({ subgraph: fetch.serviceName, path: error.path }));
      const { metrics } = requestContext;
      if (metrics.nonFtv1ErrorPaths) metrics.nonFtv1ErrorPaths.push(...paths);
      else metrics.nonFtv1ErrorPaths = paths;
    }
  }
  return response.data;
}

/**
 * A subgraph error's path in the client's response: an `_entities` error's index is the entity's position among
 * every object at the fetch's path (in document order); a root fetch's path is prefixed with the cursor's.
 */
function lazyErrorPath(fetch: FetchNode, cursor: Cursor) {
  let hydrated: ResponsePath[] | undefined;
  return (errorPath: readonly (string | number)[] | undefined): ResponsePath | undefined => {
    if (fetch.requires && typeof errorPath?.[1] === 'number') {
      if (!hydrated) {
        hydrated = [];
        hydratePaths([], cursor.path, 0, cursor.fullResult, hydrated);
      }
      return [...(hydrated[errorPath[1]] ?? []), ...errorPath.slice(2)];
    }
    return errorPath ? [...cursor.path, ...errorPath] : undefined;
  };
}

function hydratePaths(parent: ResponsePath, path: ResponsePath, from: number, data: unknown, result: ResponsePath[]) {
  if (data === null || data === undefined) return;
  const head = path[from];
  if (head === undefined) {
    result.push(parent.slice());
  } else if (head === '@') {
    if (!Array.isArray(data)) throw new Error('expected array when encountering `@`');
    for (let i = 0; i < data.length; i++) {
      parent.push(i);
      hydratePaths(parent, path, from + 1, data[i], result);
      parent.pop();
    }
  } else if (typeof head === 'string') {
    if (Array.isArray(data)) {
      for (let i = 0; i < data.length; i++) {
        parent.push(i);
        hydratePaths(parent, path, from, data[i], result);
        parent.pop();
      }
    } else if (hasOwn(data as object, head)) {
      parent.push(head);
      hydratePaths(parent, path, from + 1, (data as JsonObject)[head], result);
      parent.pop();
    }
  } else {
    throw new Error(`unknown path part "${head}"`);
  }
}

/** A subgraph's error as the client sees it, with `extensions.serviceName`, as `@apollo/gateway` words it. */
function downstreamServiceError(
  original: GraphQLFormattedError,
  serviceName: string,
  errorPath: (path: readonly (string | number)[] | undefined) => ResponsePath | undefined,
): GraphQLError {
  const message = original.message || `Error while fetching subquery from service "${serviceName}"`;
  const { extensions } = original;
  const options = { path: errorPath(original.path), extensions: { ...extensions, serviceName } };
  const codeDefinition = errorCodeDef(original);
  if (!codeDefinition && extensions?.code) return new GraphQLError(message, options);
  return (codeDefinition ?? ERRORS.DOWNSTREAM_SERVICE_ERROR).err(message, options);
}
