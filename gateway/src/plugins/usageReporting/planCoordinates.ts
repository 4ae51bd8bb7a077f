import type { PlanNode, QueryPlan, QueryPlanSelectionNode, SubscriptionNode } from '@apollo/query-planner';
import { type GraphQLSchema, getNamedType, isInterfaceType, isObjectType } from 'graphql';

const cache = new WeakMap<QueryPlan, readonly string[]>();

/**
 * The coordinates a query plan itself reads to join subgraphs: the entity keys and `@requires` fields in each
 * fetch's `requires` (what the gateway selects from one subgraph to send as representations to another). A
 * client never selects them, yet removing one breaks its operation, so usage counts them. Cached per plan (Apollo
 * reuses plans across requests).
 */
export function planCoordinates(plan: QueryPlan, schema: GraphQLSchema): readonly string[] {
  let found = cache.get(plan);
  if (!found) {
    const coordinates = new Set<string>();
    walk(plan.node, (selections) => collect(selections, undefined, schema, coordinates));
    found = [...coordinates].sort();
    cache.set(plan, found);
  }
  return found;
}

function walk(node: PlanNode | SubscriptionNode | undefined, onRequires: (s: QueryPlanSelectionNode[]) => void): void {
  if (!node) return;
  switch (node.kind) {
    case 'Fetch':
      if (node.requires) onRequires(node.requires);
      return;
    case 'Sequence':
    case 'Parallel':
      for (const child of node.nodes) walk(child, onRequires);
      return;
    case 'Flatten':
      walk(node.node, onRequires);
      return;
    case 'Condition':
      walk(node.ifClause, onRequires);
      walk(node.elseClause, onRequires);
      return;
    case 'Defer':
      walk(node.primary.node, onRequires);
      for (const deferred of node.deferred) walk(deferred.node, onRequires);
      return;
    case 'Subscription':
      walk(node.primary, onRequires);
      walk(node.rest, onRequires);
      return;
  }
}

function collect(
  selections: readonly QueryPlanSelectionNode[],
  typeName: string | undefined,
  schema: GraphQLSchema,
  into: Set<string>,
): void {
  for (const selection of selections) {
    if (selection.kind === 'InlineFragment') {
      collect(selection.selections, selection.typeCondition ?? typeName, schema, into);
      continue;
    }
    if (!typeName || selection.name.startsWith('__')) continue;
    into.add(`${typeName}.${selection.name}`);
    if (!selection.selections) continue;
    const type = schema.getType(typeName);
    const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[selection.name] : undefined;
    if (field) collect(selection.selections, getNamedType(field.type).name, schema, into);
  }
}

/**
 * `ApolloGateway`'s `experimental_didResolveQueryPlan` hook: keeps the plan's coordinates in the request's
 * context, where the pipeline hands them to usage.
 */
export function notePlanCoordinates(resolved: {
  queryPlan: QueryPlan;
  operationContext: { schema: GraphQLSchema };
  requestContext: { context: object };
}): void {
  (resolved.requestContext.context as { planCoordinates?: readonly string[] }).planCoordinates = planCoordinates(
    resolved.queryPlan,
    resolved.operationContext.schema,
  );
}
