import {
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isInputObjectType,
} from 'graphql';
import type { CostModel, ListSize } from './costModel';

/** Default weight of a mutation's root field, as Apollo's demand control. */
export const MUTATION_ROOT_FIELD_WEIGHT = 10;

/**
 * Weight of one occurrence of a field: its `@cost`, else 10 for a mutation root field, else its type's `@cost`,
 * else 1 for objects, interfaces and unions and 0 for scalars and enums (Apollo's defaults).
 */
export function fieldWeight(
  model: CostModel,
  schema: GraphQLSchema,
  parentType: GraphQLCompositeType,
  field: GraphQLField<unknown, unknown>,
): number {
  const own = model.fieldWeights.get(`${parentType.name}.${field.name}`);
  if (own !== undefined) return own;
  if (parentType === schema.getMutationType()) return MUTATION_ROOT_FIELD_WEIGHT;
  const type = getNamedType(field.type);
  return model.typeWeights.get(type.name) ?? (isCompositeType(type) ? 1 : 0);
}

/** Cost of the arguments given to a field: each one's `@cost`, else 1 for an input object, else 0. */
export function argumentsCost(
  model: CostModel,
  parentType: GraphQLCompositeType,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
): number {
  let cost = 0;
  for (const argNode of node.arguments ?? []) {
    const weight = model.argumentWeights.get(`${parentType.name}.${field.name}(${argNode.name.value}:)`);
    if (weight !== undefined) cost += weight;
    else {
      const arg = field.args.find((a) => a.name === argNode.name.value);
      if (arg && isInputObjectType(getNamedType(arg.type))) cost += 1;
    }
  }
  return cost;
}

/** The `@listSize` of a field, if any. */
export function listSizeOf(
  model: CostModel,
  parentType: GraphQLCompositeType,
  field: GraphQLField<unknown, unknown>,
): ListSize | undefined {
  return model.listSizes.get(`${parentType.name}.${field.name}`);
}

/**
 * Arguments that size a list which has no `@listSize`: the Relay (`first`, `last`) and offset (`limit`) conventions
 * that third-party graphs use without demand-control hints. Only integer values count.
 */
export const CONVENTIONAL_SLICING_ARGUMENTS = ['first', 'last', 'limit'] as const;

/** Children of an unannotated field with a conventional slicing argument that its value sizes (Relay connections). */
export const CONVENTIONAL_SIZED_FIELDS = ['edges', 'nodes'] as const;

/**
 * The size an unannotated field's conventional slicing arguments give (the largest integer one), if any. Fields with
 * a `@listSize` are sized by it alone.
 */
export function readConventionalSize(
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
): number | undefined {
  let size: number | undefined;
  for (const name of CONVENTIONAL_SLICING_ARGUMENTS) {
    const value = args[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || !field.args.some((arg) => arg.name === name)) continue;
    size = Math.max(size ?? 0, value);
  }
  return size;
}

/** The largest slicing argument given (null and absent ones ignored), and how many were given. */
export function readSlicingArguments(
  listSize: ListSize,
  args: Record<string, unknown>,
): { size: number | undefined; given: number } {
  let size: number | undefined;
  let given = 0;
  for (const name of listSize.slicingArguments) {
    const value = args[name];
    if (typeof value !== 'number') continue;
    given += 1;
    size = Math.max(size ?? 0, value);
  }
  return { size, given };
}
