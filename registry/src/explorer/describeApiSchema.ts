import {
  buildASTSchema,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isUnionType,
  parse,
  print,
} from 'graphql';
import { CoordinateKind } from '../usage/reports/schemaCoordinates';

/** The kinds of named types the explorer lists. */
export const SchemaTypeKind = {
  OBJECT: 'OBJECT',
  INTERFACE: 'INTERFACE',
  INPUT_OBJECT: 'INPUT_OBJECT',
  ENUM: 'ENUM',
  UNION: 'UNION',
  SCALAR: 'SCALAR',
} as const;
export type SchemaTypeKind = (typeof SchemaTypeKind)[keyof typeof SchemaTypeKind];

/** A field, argument, input field or enum value, named by its schema coordinate as usage names it. */
export interface SchemaElement {
  coordinate: string;
  name: string;
  kind: CoordinateKind;
  /** The printed type (`[Offer!]!`); null for enum values. */
  type: string | null;
  /** The default as GraphQL prints it (`20`, `{minimum: 1}`), for arguments and input fields that have one. */
  defaultValue: string | null;
  description: string | null;
  deprecationReason: string | null;
  /** A field's arguments; empty for everything else. */
  arguments: SchemaElement[];
}

/** A named type of the API schema with its members: fields, input fields, enum values, or a union's members. */
export interface SchemaType {
  name: string;
  kind: SchemaTypeKind;
  description: string | null;
  /** Fields (object, interface), input fields or enum values; empty for unions and scalars. */
  fields: SchemaElement[];
  /** A union's member types, an object's or interface's interfaces. */
  related: string[];
}

const recent = new Map<string, readonly SchemaType[]>();
const recentLimit = 4;

/**
 * Every named type of an API schema (less introspection and built-in scalars) in schema order, read with graphql-js:
 * fields with their arguments, input fields and arguments with their defaults, enum values, descriptions and
 * deprecations. The last few schemas' answers are kept.
 */
export function describeApiSchema(apiSchemaSdl: string): readonly SchemaType[] {
  const cached = recent.get(apiSchemaSdl);
  if (cached) return cached;
  const schema = buildASTSchema(parse(apiSchemaSdl), { assumeValidSDL: true });
  const types = Object.values(schema.getTypeMap())
    .filter((type) => !isIntrospectionType(type) && !(isScalarType(type) && isSpecifiedScalarType(type)))
    .map(describeType);
  if (recent.size >= recentLimit) {
    const oldest = recent.keys().next();
    if (!oldest.done) recent.delete(oldest.value);
  }
  recent.set(apiSchemaSdl, types);
  return types;
}

function describeType(type: GraphQLNamedType): SchemaType {
  const base = { name: type.name, description: type.description ?? null };
  if (isObjectType(type) || isInterfaceType(type)) {
    return {
      ...base,
      kind: isObjectType(type) ? SchemaTypeKind.OBJECT : SchemaTypeKind.INTERFACE,
      related: type.getInterfaces().map((entry) => entry.name),
      fields: Object.values(type.getFields()).map((field) => {
        const coordinate = `${type.name}.${field.name}`;
        return {
          coordinate,
          name: field.name,
          kind: CoordinateKind.FIELD,
          type: String(field.type),
          defaultValue: null,
          description: field.description ?? null,
          deprecationReason: field.deprecationReason ?? null,
          arguments: field.args.map((arg) =>
            describeInput(arg, `${coordinate}(${arg.name}:)`, CoordinateKind.ARGUMENT),
          ),
        };
      }),
    };
  }
  if (isInputObjectType(type)) {
    return {
      ...base,
      kind: SchemaTypeKind.INPUT_OBJECT,
      related: [],
      fields: Object.values(type.getFields()).map((field) =>
        describeInput(field, `${type.name}.${field.name}`, CoordinateKind.INPUT_FIELD),
      ),
    };
  }
  if (isEnumType(type)) {
    return {
      ...base,
      kind: SchemaTypeKind.ENUM,
      related: [],
      fields: type.getValues().map((value) => ({
        coordinate: `${type.name}.${value.name}`,
        name: value.name,
        kind: CoordinateKind.ENUM_VALUE,
        type: null,
        defaultValue: null,
        description: value.description ?? null,
        deprecationReason: value.deprecationReason ?? null,
        arguments: [],
      })),
    };
  }
  if (isUnionType(type)) {
    return { ...base, kind: SchemaTypeKind.UNION, related: type.getTypes().map((entry) => entry.name), fields: [] };
  }
  return { ...base, kind: SchemaTypeKind.SCALAR, related: [], fields: [] };
}

function describeInput(
  input: GraphQLArgument | GraphQLInputField,
  coordinate: string,
  kind: CoordinateKind,
): SchemaElement {
  const literal = input.astNode?.defaultValue;
  return {
    coordinate,
    name: input.name,
    kind,
    type: String(input.type),
    defaultValue: literal ? print(literal) : null,
    description: input.description ?? null,
    deprecationReason: input.deprecationReason ?? null,
    arguments: [],
  };
}
