import { Kind, parse, print, visit } from 'graphql';

/**
 * Returns `sdl` without the field `typeName.fieldName` (its description and directives go with it), as a subgraph
 * team would delete it from their schema. Throws when the SDL has no such field, so a renamed field fails the test
 * instead of checking an unchanged schema.
 */
export function removeField(sdl: string, typeName: string, fieldName: string): string {
  let removed = false;
  const edited = visit(parse(sdl), {
    [Kind.OBJECT_TYPE_DEFINITION]: (type) => {
      if (type.name.value !== typeName) return undefined;
      const fields = type.fields?.filter((field) => field.name.value !== fieldName) ?? [];
      if (fields.length === type.fields?.length) return undefined;
      removed = true;
      return { ...type, fields };
    },
  });
  if (!removed) throw new Error(`${typeName}.${fieldName} is not in the SDL`);
  return print(edited);
}
