import {
  BREAK,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLNamedType,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  getNullableType,
  isCompositeType,
  isIntrospectionType,
  isListType,
  Kind,
  type SelectionSetNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { type ComplexityEstimatorArgs, getComplexity } from 'graphql-query-complexity';
import { CostModelError } from './CostModelError';
import type { CostModel } from './costModel';
import {
  argumentsCost,
  CONVENTIONAL_SIZED_FIELDS,
  fieldWeight,
  listSizeOf,
  readConventionalSize,
  readSlicingArguments,
} from './costWeights';

/** Fields (after fragment expansion) above which an operation is not estimated but refused as too costly. */
export const MAX_ESTIMATED_NODES = 50_000;

/**
 * Size of every introspection list (`types`, `fields`, `args`, …), whatever `defaultListSize` is: introspection is
 * answered by the gateway from the schema in memory, so it has its own cheap weights and its own limit.
 */
export const INTROSPECTION_LIST_SIZE = 5;

/** Whether a field is part of introspection: the `__schema`/`__type` meta fields and every field under them. */
export function isIntrospectionField(parentType: GraphQLNamedType, fieldName: string): boolean {
  return fieldName === '__schema' || fieldName === '__type' || isIntrospectionType(parentType);
}

export interface CostInput {
  schema: GraphQLSchema;
  model: CostModel;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown>;
  /** Size of a list without a slicing argument or `assumedSize`. */
  defaultListSize: number;
}

/** Whether a document selects `__schema` or `__type` anywhere (`__typename` is not introspection here). */
export function hasIntrospectionFields(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value !== '__schema' && node.name.value !== '__type') return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
}

/**
 * The requested (estimated) cost of an operation, with `graphql-query-complexity`: each field costs its weight
 * plus its arguments and its selection, and lists multiply by their size (`@listSize` slicing argument or
 * `assumedSize`; without `@listSize`, an integer `first`/`last`/`limit` argument; else the default). Introspection
 * fields cost nothing here (see `calculateIntrospectionCost`). Returns `undefined` when the variables do not coerce (execution reports that), `Infinity` when the
 * operation has more than `MAX_ESTIMATED_NODES` fields. Throws `LIST_SIZE_ARGUMENT_REQUIRED`.
 */
export function calculateCost(input: CostInput): number | undefined {
  const { schema, model, defaultListSize } = input;
  const variables = input.variables ?? {};
  const sizedFields = findSizedFieldSizes(input, variables);
  const estimator = ({ type, field, node, args, childComplexity }: ComplexityEstimatorArgs): number => {
    if (isIntrospectionField(type, field.name)) return 0;
    const weight = fieldWeight(model, schema, type, field);
    const argsCost = argumentsCost(model, type, field, node);
    const listSize = listSizeOf(model, type, field);
    const slicing = listSize ? readSlicingArguments(listSize, args) : { size: undefined, given: 0 };
    if (listSize?.requireOneSlicingArgument && listSize.slicingArguments.length > 0 && slicing.given !== 1) {
      throw new CostModelError(
        'LIST_SIZE_ARGUMENT_REQUIRED',
        `Field ${type.name}.${field.name} needs exactly one of its slicing arguments (${listSize.slicingArguments.join(', ')}), got ${slicing.given}.`,
        { coordinate: `${type.name}.${field.name}`, slicingArguments: listSize.slicingArguments },
      );
    }
    if (!isListType(getNullableType(field.type))) return weight + argsCost + childComplexity;
    const size =
      sizedFields.get(node) ??
      (listSize ? (slicing.size ?? listSize.assumedSize) : readConventionalSize(field, args)) ??
      defaultListSize;
    return size * (weight + childComplexity) + argsCost;
  };
  return complexityOf(input, variables, estimator);
}

/**
 * The cost of an operation's introspection fields alone, priced apart from its data (they never reach a subgraph):
 * 1 per object, 0 per scalar, each list `INTROSPECTION_LIST_SIZE` long. 0 without introspection; `undefined` and
 * `Infinity` as `calculateCost`.
 */
export function calculateIntrospectionCost(input: CostInput): number | undefined {
  const estimator = ({ type, field, childComplexity }: ComplexityEstimatorArgs): number => {
    if (!isIntrospectionField(type, field.name)) return 0;
    const weight = isCompositeType(getNamedType(field.type)) ? 1 : 0;
    const size = isListType(getNullableType(field.type)) ? INTROSPECTION_LIST_SIZE : 1;
    return size * (weight + childComplexity);
  };
  return complexityOf(input, input.variables ?? {}, estimator);
}

function complexityOf(
  input: CostInput,
  variables: Record<string, unknown>,
  estimator: (args: ComplexityEstimatorArgs) => number,
): number | undefined {
  try {
    return getComplexity({
      schema: input.schema,
      query: input.document,
      operationName: input.operationName ?? undefined,
      variables,
      estimators: [estimator],
      maxQueryNodes: MAX_ESTIMATED_NODES,
    });
  } catch (error) {
    if (error instanceof CostModelError) throw error;
    if (error instanceof GraphQLError && error.message.includes('maximum allowed number of nodes'))
      return Number.POSITIVE_INFINITY;
    if (error instanceof GraphQLError) return undefined;
    throw error;
  }
}

/**
 * Sizes of connection lists (`edges`, `nodes`) given by their parent's slicing argument through
 * `@listSize(sizedFields:)`, or, for a parent without `@listSize`, by its integer `first`/`last`/`limit` (Relay
 * connections). The estimator sees a child before its parent, so these are found first.
 */
export function findSizedFieldSizes(input: CostInput, variables: Record<string, unknown>): Map<FieldNode, number> {
  const sizes = new Map<FieldNode, number>();
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of input.document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const typeInfo = new TypeInfo(input.schema);
  visit(
    input.document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field || !node.selectionSet) return;
        const listSize = listSizeOf(input.model, parent, field);
        if (listSize ? listSize.sizedFields.length === 0 : field.args.length === 0) return;
        if (!listSize && isListType(getNullableType(field.type))) return;
        let args: Record<string, unknown>;
        try {
          args = getArgumentValues(field, node, variables);
        } catch {
          return;
        }
        const size = listSize
          ? (readSlicingArguments(listSize, args).size ?? listSize.assumedSize)
          : readConventionalSize(field, args);
        if (size === undefined) return;
        const sizedNames: readonly string[] = listSize?.sizedFields ?? CONVENTIONAL_SIZED_FIELDS;
        for (const child of collectChildFields(node.selectionSet, fragments, new Set())) {
          if (sizedNames.includes(child.name.value)) sizes.set(child, Math.max(sizes.get(child) ?? 0, size));
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
