import { type DocumentNode, Kind } from 'graphql';

/** How big one subgraph schema may be: its type definitions and extensions, and its fields (input fields and enum values count). */
export interface SchemaSizeLimits {
  /** Most type definitions and extensions in one subgraph SDL (MAX_SCHEMA_TYPES). */
  maxTypes: number;
  /** Most fields, input fields and enum values in one subgraph SDL (MAX_SCHEMA_FIELDS). */
  maxFields: number;
  /** Deepest nesting of one subgraph SDL, checked before it is parsed (MAX_SCHEMA_DEPTH, see `measureSchemaDepth`). */
  maxDepth: number;
}

/** The size of a parsed subgraph SDL. */
export interface SchemaSize {
  types: number;
  fields: number;
}

/** Counts a document's type definitions and extensions and their fields, input fields and enum values. */
export function measureSchemaSize(document: DocumentNode): SchemaSize {
  let types = 0;
  let fields = 0;
  for (const definition of document.definitions) {
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.OBJECT_TYPE_EXTENSION:
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_EXTENSION:
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      case Kind.INPUT_OBJECT_TYPE_EXTENSION:
        types += 1;
        fields += definition.fields?.length ?? 0;
        break;
      case Kind.ENUM_TYPE_DEFINITION:
      case Kind.ENUM_TYPE_EXTENSION:
        types += 1;
        fields += definition.values?.length ?? 0;
        break;
      case Kind.UNION_TYPE_DEFINITION:
      case Kind.UNION_TYPE_EXTENSION:
      case Kind.SCALAR_TYPE_DEFINITION:
      case Kind.SCALAR_TYPE_EXTENSION:
        types += 1;
        break;
      default:
        break;
    }
  }
  return { types, fields };
}

/** A sentence saying which limit `size` is over, or `undefined` when it is within `limits`. */
export function findSchemaSizeProblem(
  subgraph: string,
  size: SchemaSize,
  limits: Pick<SchemaSizeLimits, 'maxTypes' | 'maxFields'>,
): string | undefined {
  if (size.types > limits.maxTypes) {
    return `Subgraph "${subgraph}" defines ${size.types} types, over the registry's limit of ${limits.maxTypes} (MAX_SCHEMA_TYPES).`;
  }
  if (size.fields > limits.maxFields) {
    return `Subgraph "${subgraph}" defines ${size.fields} fields, over the registry's limit of ${limits.maxFields} (MAX_SCHEMA_FIELDS).`;
  }
  return undefined;
}
