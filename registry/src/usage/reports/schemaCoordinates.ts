import {
  buildASTSchema,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  parse,
} from 'graphql';

/** What kind of schema element a coordinate names. */
export const CoordinateKind = {
  FIELD: 'FIELD',
  ARGUMENT: 'ARGUMENT',
  INPUT_FIELD: 'INPUT_FIELD',
  ENUM_VALUE: 'ENUM_VALUE',
} as const;
export type CoordinateKind = (typeof CoordinateKind)[keyof typeof CoordinateKind];

/** One element of an API schema, named as usage reports name it. */
export interface SchemaCoordinate {
  coordinate: string;
  kind: CoordinateKind;
  /** The `@deprecated(reason:)` text, or null when not deprecated. */
  deprecationReason: string | null;
  /**
   * False for values of an enum no argument or input field can take: requests never name them (responses carry
   * them), so request usage says nothing about them, and they are never listed as unused.
   */
  measured: boolean;
}

// Building a 10,000-field schema takes 50–150 ms; reports usually ask about the same current schema again.
const recent = new Map<string, readonly SchemaCoordinate[]>();
const recentLimit = 4;

/**
 * Lists every field, argument, input field and enum value of an API schema (`Type.field`, `Type.field(arg:)`,
 * `Input.field`, `Enum.VALUE`), in schema order. The last few schemas' lists are kept.
 */
export function listSchemaCoordinates(apiSchemaSdl: string): readonly SchemaCoordinate[] {
  const cached = recent.get(apiSchemaSdl);
  if (cached) return cached;
  const coordinates = readSchemaCoordinates(apiSchemaSdl);
  if (recent.size >= recentLimit) {
    const oldest = recent.keys().next();
    if (!oldest.done) recent.delete(oldest.value);
  }
  recent.set(apiSchemaSdl, coordinates);
  return coordinates;
}

function readSchemaCoordinates(apiSchemaSdl: string): readonly SchemaCoordinate[] {
  const schema = buildASTSchema(parse(apiSchemaSdl), { assumeValidSDL: true });
  const inputEnums = findInputEnums(schema);
  const coordinates: SchemaCoordinate[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type)) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${type.name}.${field.name}`;
        coordinates.push({
          coordinate,
          kind: CoordinateKind.FIELD,
          deprecationReason: field.deprecationReason ?? null,
          measured: true,
        });
        for (const arg of field.args) {
          coordinates.push({
            coordinate: `${coordinate}(${arg.name}:)`,
            kind: CoordinateKind.ARGUMENT,
            deprecationReason: arg.deprecationReason ?? null,
            measured: true,
          });
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        coordinates.push({
          coordinate: `${type.name}.${field.name}`,
          kind: CoordinateKind.INPUT_FIELD,
          deprecationReason: field.deprecationReason ?? null,
          measured: true,
        });
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) {
        coordinates.push({
          coordinate: `${type.name}.${value.name}`,
          kind: CoordinateKind.ENUM_VALUE,
          deprecationReason: value.deprecationReason ?? null,
          measured: inputEnums.has(type.name),
        });
      }
    }
  }
  return Object.freeze(coordinates.map((coordinate) => Object.freeze(coordinate)));
}

/** Enums that some argument or input field (directive arguments included) can take: requests may name their values. */
function findInputEnums(schema: GraphQLSchema): Set<string> {
  const enums = new Set<string>();
  const seen = new Set<string>();
  const visitInput = (type: GraphQLInputType): void => {
    const named = getNamedType(type);
    if (seen.has(named.name)) return;
    seen.add(named.name);
    if (isEnumType(named)) enums.add(named.name);
    else if (isInputObjectType(named)) for (const field of Object.values(named.getFields())) visitInput(field.type);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields())) for (const arg of field.args) visitInput(arg.type);
  }
  for (const directive of schema.getDirectives()) for (const arg of directive.args) visitInput(arg.type);
  return enums;
}
