import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  getArgumentValues,
  getNullableType,
  isListType,
  Kind,
  type SelectionSetNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { type ComplexityEstimatorArgs, getComplexity } from 'graphql-query-complexity';
import { SwitchyardError } from '../../errors';
import type { CostModel } from './costModel';
import { argumentsCost, fieldWeight, listSizeOf, readSlicingArguments } from './costWeights';

/** Fields (after fragment expansion) above which an operation is not estimated but refused as too costly. */
export const MAX_ESTIMATED_NODES = 50_000;

export interface CostInput {
  schema: GraphQLSchema;
  model: CostModel;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown>;
  /** Size of a list without a slicing argument or `assumedSize`. */
  defaultListSize: number;
}

/**
 * The requested (estimated) cost of an operation, with `graphql-query-complexity`: each field costs its weight
 * plus its arguments and its selection, and lists multiply by their size (slicing argument, `assumedSize`, or the
 * default). Returns `undefined` when the variables do not coerce (execution reports that), `Infinity` when the
 * operation has more than `MAX_ESTIMATED_NODES` fields. Throws `LIST_SIZE_ARGUMENT_REQUIRED`.
 */
export function calculateCost(input: CostInput): number | undefined {
  const { schema, model, document, defaultListSize } = input;
  const variables = input.variables ?? {};
  const sizedFields = findSizedFieldSizes(input, variables);
  const estimator = ({ type, field, node, args, childComplexity }: ComplexityEstimatorArgs): number => {
    const weight = fieldWeight(model, schema, type, field);
    const argsCost = argumentsCost(model, type, field, node);
    const listSize = listSizeOf(model, type, field);
    const slicing = listSize ? readSlicingArguments(listSize, args) : { size: undefined, given: 0 };
    if (listSize?.requireOneSlicingArgument && listSize.slicingArguments.length > 0 && slicing.given !== 1) {
      throw new SwitchyardError(
        'LIST_SIZE_ARGUMENT_REQUIRED',
        `Field ${type.name}.${field.name} needs exactly one of its slicing arguments (${listSize.slicingArguments.join(', ')}), got ${slicing.given}.`,
        { coordinate: `${type.name}.${field.name}`, slicingArguments: listSize.slicingArguments },
      );
    }
    if (!isListType(getNullableType(field.type))) return weight + argsCost + childComplexity;
    const size = sizedFields.get(node) ?? slicing.size ?? listSize?.assumedSize ?? defaultListSize;
    return size * (weight + childComplexity) + argsCost;
  };
  try {
    return getComplexity({
      schema,
      query: document,
      operationName: input.operationName ?? undefined,
      variables,
      estimators: [estimator],
      maxQueryNodes: MAX_ESTIMATED_NODES,
    });
  } catch (error) {
    if (error instanceof SwitchyardError) throw error;
    if (error instanceof GraphQLError && error.message.includes('maximum allowed number of nodes'))
      return Number.POSITIVE_INFINITY;
    if (error instanceof GraphQLError) return undefined;
    throw error;
  }
}

/**
 * Sizes of connection lists (`edges`, `nodes`) given by their parent's slicing argument through
 * `@listSize(sizedFields:)`. The estimator sees a child before its parent, so these are found first.
 */
function findSizedFieldSizes(input: CostInput, variables: Record<string, unknown>): Map<FieldNode, number> {
  const sizes = new Map<FieldNode, number>();
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of input.document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  if (input.model.listSizes.size === 0) return sizes;
  const typeInfo = new TypeInfo(input.schema);
  visit(
    input.document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field || !node.selectionSet) return;
        const listSize = listSizeOf(input.model, parent, field);
        if (!listSize || listSize.sizedFields.length === 0) return;
        let args: Record<string, unknown>;
        try {
          args = getArgumentValues(field, node, variables);
        } catch {
          return;
        }
        const size = readSlicingArguments(listSize, args).size ?? listSize.assumedSize;
        if (size === undefined) return;
        for (const child of collectChildFields(node.selectionSet, fragments, new Set())) {
          if (listSize.sizedFields.includes(child.name.value)) sizes.set(child, Math.max(sizes.get(child) ?? 0, size));
        }
      },
    }),
  );
  return sizes;
}

function collectChildFields(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  seen: Set<string>,
): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) fields.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT)
      fields.push(...collectChildFields(selection.selectionSet, fragments, seen));
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) fields.push(...collectChildFields(fragment.selectionSet, fragments, seen));
    }
  }
  return fields;
}
