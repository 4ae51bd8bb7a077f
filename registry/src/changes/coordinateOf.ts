import type { Change } from '@graphql-inspector/core';

/**
 * The schema coordinate a graphql-inspector change is about: `Type`, `Type.field`, `Type.field(arg:)`,
 * `Enum.VALUE`, `@directive` or `@directive(arg:)`. Directive usages (`User.name.@deprecated`) are reported on the
 * element that carries them, and changes to the schema's root types on `schema`.
 */
export function coordinateOf(change: Change): string {
  const meta: Readonly<Record<string, unknown>> = change.meta ?? {};
  const path = change.path;
  if (!path) return 'schema';
  if (path.startsWith('@')) {
    const directive = path.split('.')[0] ?? path;
    const argument = findArgumentName(meta);
    return change.type.startsWith('DIRECTIVE_ARGUMENT_') && argument ? `${directive}(${argument}:)` : directive;
  }
  const element = path.split('.@')[0] ?? path;
  if (change.type.startsWith('FIELD_ARGUMENT_')) {
    const [typeName, fieldName, argumentName] = element.split('.');
    if (typeName && fieldName && argumentName) return `${typeName}.${fieldName}(${argumentName}:)`;
  }
  return element;
}

function findArgumentName(meta: Readonly<Record<string, unknown>>): string | undefined {
  for (const [key, value] of Object.entries(meta)) {
    if (/ArgumentName$/.test(key) && typeof value === 'string') return value;
  }
  return undefined;
}
