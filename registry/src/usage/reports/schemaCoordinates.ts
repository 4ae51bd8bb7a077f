import {
  buildASTSchema,
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
        });
        for (const arg of field.args) {
          coordinates.push({
            coordinate: `${coordinate}(${arg.name}:)`,
            kind: CoordinateKind.ARGUMENT,
            deprecationReason: arg.deprecationReason ?? null,
          });
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        coordinates.push({
          coordinate: `${type.name}.${field.name}`,
          kind: CoordinateKind.INPUT_FIELD,
          deprecationReason: field.deprecationReason ?? null,
        });
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) {
        coordinates.push({
          coordinate: `${type.name}.${value.name}`,
          kind: CoordinateKind.ENUM_VALUE,
          deprecationReason: value.deprecationReason ?? null,
        });
      }
    }
  }
  return Object.freeze(coordinates.map((coordinate) => Object.freeze(coordinate)));
}
