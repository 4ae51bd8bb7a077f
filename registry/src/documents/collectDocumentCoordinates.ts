import {
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';

/**
 * The schema coordinates a document selects, named as the gateway's usage collector names them: `Type.field`
 * (through an interface, each implementing type's field too), `Type.field(arg:)` for each argument passed,
 * `Input.field` and `Enum.VALUE` in literals. Variables' values are unknown at upload, so what only they name is
 * not counted. Sorted.
 */
export function collectDocumentCoordinates(schema: GraphQLSchema, document: DocumentNode): string[] {
  const coordinates = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  const servingTypes = (parent: GraphQLCompositeType): string[] =>
    isInterfaceType(parent)
      ? [parent.name, ...schema.getPossibleTypes(parent).map((type) => type.name)]
      : [parent.name];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (!parent || isIntrospectionType(parent) || node.name.value.startsWith('__') || !typeInfo.getFieldDef())
          return;
        for (const type of servingTypes(parent)) coordinates.add(`${type}.${node.name.value}`);
      },
      Argument(node) {
        if (typeInfo.getDirective()) return;
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field || !typeInfo.getArgument()) return;
        for (const type of servingTypes(parent)) coordinates.add(`${type}.${field.name}(${node.name.value}:)`);
      },
      ObjectField(node) {
        const input = getNamedType(typeInfo.getParentInputType());
        if (isInputObjectType(input) && input.getFields()[node.name.value]) {
          coordinates.add(`${input.name}.${node.name.value}`);
        }
      },
      EnumValue(node) {
        const type = getNamedType(typeInfo.getInputType());
        if (isEnumType(type) && type.getValue(node.value)) coordinates.add(`${type.name}.${node.value}`);
      },
    }),
  );
  return [...coordinates].sort();
}
