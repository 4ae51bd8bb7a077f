import {
  argumentsCost,
  type CostInput,
  fieldWeight,
  findSizedFieldSizes,
  isIntrospectionField,
  listSizeOf,
  MAX_ESTIMATED_NODES,
  readConventionalSize,
  readSlicingArguments,
} from '@switchyard/cost-model';
import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from 'graphql';

/** What one schema coordinate adds to an operation's estimated cost, summed over every place it is selected. */
export interface CostContributor {
  /** `Type.field`. */
  coordinate: string;
  /** Its own weight and arguments times the estimated number of times it resolves (its lists and its parents'). */
  cost: number;
}

/**
 * The coordinates that add most to an operation's estimated cost, largest first, so a refused client knows what to
 * trim. Uses the weights and sizes of `calculateCost`; where `calculateCost` takes the costliest branch of an abstract
 * type, this counts every branch, which is enough to rank. Stops counting after `MAX_ESTIMATED_NODES` fields.
 */
export function findCostContributors(input: CostInput, count = 3): CostContributor[] {
  const { schema, model, document, defaultListSize } = input;
  const variables = input.variables ?? {};
  const operation = getOperationAST(document, input.operationName);
  const rootType = operation ? schema.getRootType(operation.operation) : undefined;
  if (!operation || !rootType) return [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const sizedFields = findSizedFieldSizes(input, variables);
  const totals = new Map<string, number>();
  let visited = 0;

  const included = (node: { directives?: FieldNode['directives'] }) => {
    try {
      if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
      return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
    } catch {
      return true;
    }
  };
  const walk = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, multiplier: number): void => {
    for (const selection of selectionSet.selections) {
      visited += 1;
      if (visited > MAX_ESTIMATED_NODES || !included(selection)) continue;
      if (selection.kind === Kind.INLINE_FRAGMENT || selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
        if (!fragment) continue;
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parentType;
        if (condition && isCompositeType(condition)) walk(fragment.selectionSet, condition, multiplier);
        continue;
      }
      if (!isObjectType(parentType) && !isInterfaceType(parentType)) continue;
      const field = parentType.getFields()[selection.name.value];
      if (!field || isIntrospectionField(parentType, field.name)) continue;
      let args: Record<string, unknown>;
      try {
        args = getArgumentValues(field, selection, variables);
      } catch {
        continue;
      }
      const weight = fieldWeight(model, schema, parentType, field);
      const argsCost = argumentsCost(model, parentType, field, selection);
      const listSize = listSizeOf(model, parentType, field);
      const size = isListType(getNullableType(field.type))
        ? (sizedFields.get(selection) ??
          (listSize
            ? (readSlicingArguments(listSize, args).size ?? listSize.assumedSize)
            : readConventionalSize(field, args)) ??
          defaultListSize)
        : 1;
      const coordinate = `${parentType.name}.${field.name}`;
      const own = multiplier * (size * weight + argsCost);
      if (own > 0) totals.set(coordinate, (totals.get(coordinate) ?? 0) + own);
      const type = getNamedType(field.type);
      if (selection.selectionSet && isCompositeType(type)) walk(selection.selectionSet, type, multiplier * size);
    }
  };
  walk(operation.selectionSet, rootType, 1);
  return [...totals]
    .map(([coordinate, cost]) => ({ coordinate, cost }))
    .sort((a, b) => b.cost - a.cost || a.coordinate.localeCompare(b.coordinate))
    .slice(0, count);
}
