import { argumentsCost, type CostModel, fieldWeight, isRecord } from '@switchyard/cost-model';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  getNamedType,
  getOperationAST,
  isAbstractType,
  isCompositeType,
  isObjectType,
  isUnionType,
  Kind,
  type SelectionSetNode,
  typeFromAST,
} from 'graphql';

/**
 * The actual cost of an executed operation, from the response data: the same weights as the estimate, with the
 * real length of each list instead of its assumed size. Fields absent from the data (skipped, or under a fragment
 * for another type) cost nothing, and neither do null objects. `stripKey`, when given, is deleted from every
 * object of the data as it is walked (every object the operation selected is walked).
 */
export function calculateActualCost(
  schema: GraphQLSchema,
  model: CostModel,
  document: DocumentNode,
  operationName: string | null | undefined,
  data: unknown,
  stripKey?: string,
): number {
  const operation = getOperationAST(document, operationName);
  const rootType = operation ? schema.getRootType(operation.operation) : undefined;
  if (!operation || !rootType || !isRecord(data)) return 0;
  const walker = walkerFor(schema, model, document);
  let rootSets = walker.rootSets.get(operation.selectionSet);
  if (!rootSets) {
    rootSets = [operation.selectionSet];
    walker.rootSets.set(operation.selectionSet, rootSets);
  }
  return selectionSetCost(walker, rootSets, rootType, data, stripKey);
}

interface Walker {
  schema: GraphQLSchema;
  model: CostModel;
  fragments: Map<string, FragmentDefinitionNode>;
  /** The one-element array of each operation's selection set, kept so that its plans are found again. */
  rootSets: Map<SelectionSetNode, SelectionSetNode[]>;
  /**
   * The fields of each (selection sets, concrete type) pair, planned once: every item of a list shares its
   * parent's `childSets` array, so a list of a thousand objects is grouped and weighed once, not a thousand times.
   */
  plans: Map<SelectionSetNode[], Map<GraphQLCompositeType, FieldPlan[]>>;
}

/**
 * Plans are kept per parsed document (Apollo Server reuses the document of a query it has seen), for as long as the
 * document lives and the schema and cost model stay the same; a new supergraph brings a new schema and model.
 */
const walkers = new WeakMap<DocumentNode, Walker>();

function walkerFor(schema: GraphQLSchema, model: CostModel, document: DocumentNode): Walker {
  const cached = walkers.get(document);
  if (cached && cached.schema === schema && cached.model === model) return cached;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const walker: Walker = { schema, model, fragments, rootSets: new Map(), plans: new Map() };
  walkers.set(document, walker);
  return walker;
}

/** One response key of an object: what it costs apart from its value, and how to walk its value. */
interface FieldPlan {
  responseKey: string;
  weight: number;
  argumentsCost: number;
  childSets: SelectionSetNode[];
  childType: GraphQLCompositeType | undefined;
}

function selectionSetCost(
  walker: Walker,
  selectionSets: SelectionSetNode[],
  parentType: GraphQLCompositeType,
  data: Record<string, unknown>,
  stripKey: string | undefined,
): number {
  const runtimeType = resolveRuntimeType(walker.schema, parentType, data);
  if (stripKey !== undefined && stripKey in data) delete data[stripKey];
  let cost = 0;
  for (const field of planFields(walker, selectionSets, runtimeType)) {
    if (!(field.responseKey in data)) continue;
    cost += field.argumentsCost;
    cost += valueCost(walker, data[field.responseKey], field.weight, field.childSets, field.childType, stripKey);
  }
  return cost;
}

function planFields(walker: Walker, selectionSets: SelectionSetNode[], type: GraphQLCompositeType): FieldPlan[] {
  let byType = walker.plans.get(selectionSets);
  if (!byType) {
    byType = new Map();
    walker.plans.set(selectionSets, byType);
  }
  const planned = byType.get(type);
  if (planned) return planned;
  const grouped = new Map<string, { type: GraphQLCompositeType; nodes: FieldNode[] }>();
  for (const selectionSet of selectionSets) collectFields(walker, selectionSet, type, grouped, new Set());
  const plan: FieldPlan[] = [];
  for (const [responseKey, { type: fieldParent, nodes }] of grouped) {
    const first = nodes[0];
    if (!first || isUnionType(fieldParent)) continue;
    const field = fieldParent.getFields()[first.name.value];
    if (!field) continue;
    const namedType = getNamedType(field.type);
    plan.push({
      responseKey,
      weight: fieldWeight(walker.model, walker.schema, fieldParent, field),
      argumentsCost: argumentsCost(walker.model, fieldParent, field, first),
      childSets: nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : [])),
      childType: isCompositeType(namedType) ? namedType : undefined,
    });
  }
  byType.set(type, plan);
  return plan;
}

function valueCost(
  walker: Walker,
  value: unknown,
  weight: number,
  childSets: SelectionSetNode[],
  childType: GraphQLCompositeType | undefined,
  stripKey: string | undefined,
): number {
  if (value === null || value === undefined) return 0;
  if (Array.isArray(value)) {
    let cost = 0;
    for (const item of value) cost += valueCost(walker, item, weight, childSets, childType, stripKey);
    return cost;
  }
  if (childType && isRecord(value)) return weight + selectionSetCost(walker, childSets, childType, value, stripKey);
  return weight;
}

function collectFields(
  walker: Walker,
  selectionSet: SelectionSetNode,
  type: GraphQLCompositeType,
  grouped: Map<string, { type: GraphQLCompositeType; nodes: FieldNode[] }>,
  seen: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      const group = grouped.get(key);
      if (group) group.nodes.push(selection);
      else grouped.set(key, { type, nodes: [selection] });
      continue;
    }
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : walker.fragments.get(selection.name.value);
    if (!fragment) continue;
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      if (seen.has(selection.name.value)) continue;
      seen.add(selection.name.value);
    }
    const condition = fragment.typeCondition ? typeFromAST(walker.schema, fragment.typeCondition) : undefined;
    if (condition && !isCompositeType(condition)) continue;
    if (condition && !appliesTo(walker.schema, condition, type)) continue;
    collectFields(
      walker,
      fragment.selectionSet,
      condition && !isAbstractType(condition) ? condition : type,
      grouped,
      seen,
    );
  }
}

/** The object's concrete type when the response says (`__typename`), else the field's declared type. */
function resolveRuntimeType(
  schema: GraphQLSchema,
  type: GraphQLCompositeType,
  data: Record<string, unknown>,
): GraphQLCompositeType {
  if (!isAbstractType(type) || typeof data.__typename !== 'string') return type;
  const runtime = schema.getType(data.__typename);
  return runtime && isObjectType(runtime) ? runtime : type;
}

function appliesTo(schema: GraphQLSchema, condition: GraphQLCompositeType, type: GraphQLCompositeType): boolean {
  if (condition === type) return true;
  if (isObjectType(type)) return isAbstractType(condition) ? schema.isSubType(condition, type) : false;
  // Without `__typename` the concrete type is unknown: the fragment counts only for the fields the data carries.
  return true;
}
