import {
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInputType,
  isInterfaceType,
  isIntrospectionType,
  isListType,
  isNonNullType,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';

/** A variable whose values can reach enum values or input fields, walked per request. */
export interface VariableToWalk {
  name: string;
  type: GraphQLInputType;
}

/** The schema coordinates an operation references. */
export interface OperationCoordinates {
  /** `Type.field`, `Type.field(arg:)`, `Input.field` and `Enum.VALUE` named in the document itself, sorted. */
  coordinates: string[];
  /** Variables whose values may name further input fields and enum values. */
  variables: VariableToWalk[];
}

/**
 * Collects the coordinates an operation document (one operation and its fragments) references against the API
 * schema: every field with its parent type, every argument passed, input fields and enum values in literals
 * (default values of variables included); a field selected through an interface counts for each implementing
 * type's field too. Introspection fields and directive arguments are left out. Variables of
 * input object or enum types are returned for `collectVariableCoordinates`.
 */
export function collectCoordinates(schema: GraphQLSchema, document: DocumentNode): OperationCoordinates {
  const coordinates = new Set<string>();
  const variables: VariableToWalk[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (!parent || node.name.value.startsWith('__') || isIntrospectionType(parent) || !typeInfo.getFieldDef())
          return;
        for (const type of servingTypes(schema, parent)) coordinates.add(`${type}.${node.name.value}`);
      },
      Argument(node) {
        if (typeInfo.getDirective()) return;
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field || !typeInfo.getArgument()) return;
        for (const type of servingTypes(schema, parent)) coordinates.add(`${type}.${field.name}(${node.name.value}:)`);
      },
      ObjectField(node) {
        const input = getNamedType(typeInfo.getParentInputType());
        if (isInputObjectType(input) && input.getFields()[node.name.value])
          coordinates.add(`${input.name}.${node.name.value}`);
      },
      EnumValue(node) {
        const type = getNamedType(typeInfo.getInputType());
        if (isEnumType(type) && type.getValue(node.value)) coordinates.add(`${type.name}.${node.value}`);
      },
      VariableDefinition(node) {
        const type = typeFromAST(schema, node.type);
        if (isInputType(type) && canNameCoordinates(type)) variables.push({ name: node.variable.name.value, type });
      },
    }),
  );
  return { coordinates: [...coordinates].sort(), variables };
}

/**
 * The types whose field a selection on `parent` may return: the type itself and, for an interface, every object
 * type implementing it. A field selected through `Node.id` is used on each `Product.id`, `User.id` it can return,
 * so none of them shows as unused. (A union has no fields of its own; its members are selected by fragment.)
 */
function servingTypes(schema: GraphQLSchema, parent: GraphQLCompositeType): string[] {
  if (!isInterfaceType(parent)) return [parent.name];
  return [parent.name, ...schema.getPossibleTypes(parent).map((type) => type.name)];
}

function canNameCoordinates(type: GraphQLInputType): boolean {
  const named = getNamedType(type);
  return isEnumType(named) || isInputObjectType(named);
}

/**
 * The input fields and enum values that a request's variable values name, for the variables
 * `collectCoordinates` returned. Unknown fields and invalid values are ignored (validation refuses them anyway).
 * Stops after `limit` coordinates, so a huge variables object costs bounded work.
 */
export function collectVariableCoordinates(
  variables: readonly VariableToWalk[],
  values: Record<string, unknown> | undefined,
  limit = 1000,
): Set<string> {
  const found = new Set<string>();
  if (!values) return found;
  let budget = limit * 10;
  const walk = (type: GraphQLInputType, value: unknown): void => {
    if (value === null || value === undefined || found.size >= limit || budget-- <= 0) return;
    if (isNonNullType(type)) {
      walk(type.ofType, value);
      return;
    }
    if (isListType(type)) {
      if (Array.isArray(value)) for (const item of value) walk(type.ofType, item);
      else walk(type.ofType, value);
      return;
    }
    if (isEnumType(type)) {
      if (typeof value === 'string' && type.getValue(value)) found.add(`${type.name}.${value}`);
      return;
    }
    if (isInputObjectType(type) && typeof value === 'object' && !Array.isArray(value)) {
      const fields = type.getFields();
      for (const [key, fieldValue] of Object.entries(value)) {
        const field = fields[key];
        if (!field) continue;
        found.add(`${type.name}.${key}`);
        walk(field.type, fieldValue);
      }
    }
  };
  for (const variable of variables) walk(variable.type, values[variable.name]);
  return found;
}
