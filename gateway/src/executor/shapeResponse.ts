import { ERRORS } from '@apollo/federation-internals';
import {
  type DirectiveNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  GraphQLEnumType,
  type GraphQLError,
  GraphQLInterfaceType,
  GraphQLList,
  type GraphQLNamedType,
  GraphQLNonNull,
  GraphQLObjectType,
  type GraphQLOutputType,
  GraphQLScalarType,
  type GraphQLSchema,
  GraphQLUnionType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  valueFromASTUntyped,
} from 'graphql';
import type { JsonObject } from './deepMerge';

interface Shaping {
  schema: GraphQLSchema;
  variables: Record<string, unknown>;
  fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  errors: GraphQLError[];
  /** Beside `updateOutputValue`'s value: it is null where its type is non-null, so its parent is null too. */
  invalid: boolean;
  /** Beside `updateOutputValue`'s value: an error was already recorded for it (no second one for its parent). */
  hasErrors: boolean;
}

/** Why a selection set stopped: a non-null field or `__typename` was null, so its parent is null too. */
const BUBBLE = false;
const OK = true;

/**
 * The client's response from the merged fetch results, in one walk of the client's selection set (aliases,
 * `__typename`, fragments by runtime type, `@skip`/`@include`), as `@apollo/gateway`'s `computeResponse` shapes it:
 * a null where the schema says non-null nulls the nearest nullable parent with an `INVALID_GRAPHQL` error (one per
 * null, none when a fetch error explains it), and so does a leaf value of the wrong type. Returns the data and those
 * errors.
 */
export function shapeResponse(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  requestVariables: Record<string, unknown> | undefined,
  input: JsonObject,
): { data: JsonObject | null; errors: GraphQLError[] } {
  const variables: Record<string, unknown> = Object.create(null);
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) {
      variables[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue);
    }
  }
  Object.assign(variables, requestVariables);
  const shaping: Shaping = { schema, variables, fragments, errors: [], invalid: false, hasErrors: false };
  const root = schema.getRootType(operation.operation);
  if (!root) throw new Error(`The schema has no ${operation.operation} type`);
  const data: JsonObject = Object.create(null);
  const result = applySelectionSet(shaping, input, operation.selectionSet, data, [], root, root);
  return { data: result === BUBBLE ? null : data, errors: shaping.errors };
}

function ifValue(argument: ValueNode, variables: Record<string, unknown>): boolean {
  if (argument.kind === Kind.VARIABLE) {
    const value = variables[argument.name.value];
    if (typeof value !== 'boolean') throw new Error(`Unexpected value ${value} for variable $${argument.name.value}`);
    return value;
  }
  return argument.kind === Kind.BOOLEAN && argument.value;
}

function shouldSkip(directives: readonly DirectiveNode[] | undefined, variables: Record<string, unknown>): boolean {
  if (!directives || directives.length === 0) return false;
  let skip: DirectiveNode | undefined;
  let include: DirectiveNode | undefined;
  for (const directive of directives) {
    if (directive.name.value === 'skip') skip ??= directive;
    else if (directive.name.value === 'include') include ??= directive;
  }
  const skipIf = skip?.arguments?.find((argument) => argument.name.value === 'if');
  const includeIf = include?.arguments?.find((argument) => argument.name.value === 'if');
  return Boolean((skipIf && ifValue(skipIf.value, variables)) || (includeIf && !ifValue(includeIf.value, variables)));
}

function typeConditionApplies(
  schema: GraphQLSchema,
  condition: GraphQLNamedType | undefined,
  typename: unknown,
  parentType: GraphQLCompositeType,
): boolean {
  if (!condition) return true;
  const type = typename ? schema.getType(String(typename)) : parentType;
  if (!type) return false;
  if (type === condition) return true;
  return (
    (condition instanceof GraphQLInterfaceType || condition instanceof GraphQLUnionType) &&
    (type instanceof GraphQLObjectType || type instanceof GraphQLInterfaceType) &&
    schema.isSubType(condition, type)
  );
}

// graphql-js' `isNonNullType` and the like cost a development-mode check on every miss; the walk asks them for
// every value, so it tests the classes (graphql is one copy here) directly.
function isComposite(type: unknown): type is GraphQLCompositeType {
  return type instanceof GraphQLObjectType || type instanceof GraphQLInterfaceType || type instanceof GraphQLUnionType;
}

function applySelectionSet(
  shaping: Shaping,
  input: JsonObject,
  selectionSet: SelectionSetNode,
  output: JsonObject,
  path: (string | number)[],
  parentType: GraphQLCompositeType,
  staticType: GraphQLCompositeType,
): boolean {
  for (const selection of selectionSet.selections) {
    if (shouldSkip(selection.directives, shaping.variables)) continue;
    if (selection.kind === Kind.FIELD) {
      const responseName = selection.alias?.value ?? selection.name.value;
      const outputValue = output[responseName];
      const name = selection.name.value;
      let inputValue = Object.hasOwn(input, responseName) ? (input[responseName] ?? null) : null;
      if (name === '__typename') {
        if (outputValue === undefined) {
          if (inputValue === null && responseName !== '__typename') inputValue = input.__typename ?? null;
          const type = (typeof inputValue === 'string' && shaping.schema.getType(inputValue)) || parentType;
          if (!(type instanceof GraphQLObjectType)) return BUBBLE;
          output[responseName] = type.name;
        }
        continue;
      }
      if (staticType instanceof GraphQLUnionType) {
        throw new Error(`Cannot query field "${name}" on union type "${staticType.name}"`);
      }
      const definition = staticType.getFields()[name];
      if (!definition) throw new Error(`Cannot query field "${name}" on type "${staticType.name}"`);
      path.push(responseName);
      output[responseName] = updateOutputValue(
        shaping,
        outputValue,
        definition.type,
        inputValue,
        selection.selectionSet,
        path,
        parentType,
      );
      path.pop();
      if (shaping.invalid) return BUBBLE;
    } else {
      let condition: GraphQLNamedType | undefined;
      let selections: SelectionSetNode;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        condition = selection.typeCondition ? shaping.schema.getType(selection.typeCondition.name.value) : undefined;
        selections = selection.selectionSet;
      } else {
        const fragment = shaping.fragments[selection.name.value];
        if (!fragment) throw new Error(`Unknown fragment "${selection.name.value}"`);
        condition = shaping.schema.getType(fragment.typeCondition.name.value);
        selections = fragment.selectionSet;
      }
      const typename = input.__typename;
      if (typename !== undefined && typename !== null && typeof typename !== 'string') {
        throw new Error(`Got unexpected value for __typename: ${typename}`);
      }
      if (typeConditionApplies(shaping.schema, condition, typename, parentType)) {
        const narrowed = isComposite(condition) ? condition : undefined;
        const result = applySelectionSet(
          shaping,
          input,
          selections,
          output,
          path,
          narrowed ?? parentType,
          narrowed ?? staticType,
        );
        if (result === BUBBLE) return BUBBLE;
      }
    }
  }
  return OK;
}

function describeLast(
  path: readonly (string | number)[],
  currentType: GraphQLOutputType,
  parentType: GraphQLNamedType,
) {
  const element = path[path.length - 1];
  return typeof element === 'string'
    ? `field ${parentType.name}.${element}`
    : `array element of type ${currentType} at index ${element}`;
}

/** Sets what `updateOutputValue` tells its caller beside the value, and returns the value. */
function done(shaping: Shaping, updated: unknown, invalid: boolean, hasErrors: boolean): unknown {
  shaping.invalid = invalid;
  shaping.hasErrors = hasErrors;
  return updated;
}

/**
 * The value at `path` merged into what is already there, as `@apollo/gateway`'s `updateOutputValue`; beside it,
 * `shaping.invalid` (a null where the type is non-null: the parent is null too) and `shaping.hasErrors` (an error
 * was already recorded for it).
 */
function updateOutputValue(
  shaping: Shaping,
  outputValue: unknown,
  type: GraphQLOutputType,
  inputValue: unknown,
  selectionSet: SelectionSetNode | undefined,
  path: (string | number)[],
  parentType: GraphQLCompositeType,
): unknown {
  if (outputValue === null || (outputValue !== undefined && !selectionSet))
    return done(shaping, outputValue, false, false);
  if (type instanceof GraphQLNonNull) {
    const updated = updateOutputValue(shaping, outputValue, type.ofType, inputValue, selectionSet, path, parentType);
    if (updated === null) {
      if (!shaping.hasErrors) {
        shaping.errors.push(
          ERRORS.INVALID_GRAPHQL.err(
            `Cannot return null for non-nullable ${describeLast(path, type.ofType, parentType)}.`,
            { path: Array.from(path) },
          ),
        );
      }
      return done(shaping, null, true, true);
    }
    return done(shaping, updated, false, false);
  }
  if (inputValue === null) return done(shaping, null, false, false);
  if (type instanceof GraphQLList) {
    if (!Array.isArray(inputValue)) {
      throw new Error(`Invalid non-list value ${inputValue} returned by subgraph for list type ${type}`);
    }
    const outputList = outputValue === undefined ? undefined : outputValue;
    if (outputList !== undefined && (!Array.isArray(outputList) || outputList.length !== inputValue.length)) {
      throw new Error(`[${inputValue}].length (${inputValue.length}) !== [${outputList}].length`);
    }
    let shouldNullify = false;
    let hasErrors = false;
    const updated = new Array(inputValue.length);
    for (let index = 0; index < inputValue.length; index++) {
      path.push(index);
      updated[index] = updateOutputValue(
        shaping,
        outputList?.[index],
        type.ofType,
        inputValue[index],
        selectionSet,
        path,
        parentType,
      );
      path.pop();
      shouldNullify ||= shaping.invalid;
      hasErrors ||= shaping.hasErrors;
    }
    return done(shaping, shouldNullify ? null : updated, false, hasErrors);
  }
  if (isComposite(type)) {
    if (!selectionSet) throw new Error(`Invalid empty selection set for composite type ${type}`);
    if (typeof inputValue !== 'object') {
      throw new Error(`Invalid non-object value ${inputValue} returned by subgraph for composite type ${type}`);
    }
    const object = inputValue as JsonObject;
    const typename = object.__typename;
    if (typename !== undefined && typeof typename !== 'string') {
      throw new Error(`Invalid non-string value ${typename} for __typename at ${path}`);
    }
    let runtimeType: GraphQLCompositeType = type;
    if (typename) {
      const named = shaping.schema.getType(typename);
      if (!isComposite(named)) {
        shaping.errors.push(
          ERRORS.INVALID_GRAPHQL.err(
            `Invalid __typename found for object at ${describeLast(path, type, parentType)}.`,
            {
              path: Array.from(path),
            },
          ),
        );
        return done(shaping, null, false, true);
      }
      runtimeType = named;
    }
    const outputObject = outputValue === undefined ? Object.create(null) : (outputValue as JsonObject);
    const bubbled = applySelectionSet(shaping, object, selectionSet, outputObject, path, runtimeType, type) === BUBBLE;
    return done(shaping, bubbled ? null : outputObject, false, bubbled);
  }
  if (outputValue !== undefined) throw new Error(`Expected output to be undefined but got ${type} for type ${type}`);
  const valid = isValidLeafValue(type, inputValue);
  if (!valid) {
    shaping.errors.push(
      ERRORS.INVALID_GRAPHQL.err(`Invalid value found for ${describeLast(path, type, parentType)}.`, {
        path: Array.from(path),
      }),
    );
  }
  return done(shaping, valid ? inputValue : null, false, !valid);
}

const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;

/** `@apollo/federation-internals`' `isValidLeafValue` on graphql-js types: custom scalars take anything. */
function isValidLeafValue(type: GraphQLOutputType, value: unknown): boolean {
  if (type instanceof GraphQLEnumType) return typeof value === 'string' && type.getValue(value) !== undefined;
  if (!(type instanceof GraphQLScalarType)) return false;
  switch (type.name) {
    case 'Boolean':
      return typeof value === 'boolean';
    case 'Int':
    case 'ID':
      if (typeof value === 'number') return Number.isFinite(value) && INTEGER.test(String(value));
      return typeof value === 'string' && type.name === 'ID';
    case 'Float':
      return typeof value === 'number' && Number.isFinite(value);
    case 'String':
      return typeof value === 'string';
    default:
      return true;
  }
}
