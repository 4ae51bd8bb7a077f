import { CONVENTIONAL_SLICING_ARGUMENTS, type CostModel, listSizeOf } from '@switchyard/cost-model';
import {
  type DocumentNode,
  type GraphQLSchema,
  Kind,
  TypeInfo,
  type ValueNode,
  visit,
  visitWithTypeInfo,
} from 'graphql';

/**
 * Names of the variables an operation's cost depends on: those given to a `@listSize` field's arguments, to a
 * `first`/`last`/`limit` argument of any field, and to `@skip`/`@include`. The cost cache keys on their values only, so `product(id: $id)` is estimated once.
 */
export function findCostVariables(schema: GraphQLSchema, model: CostModel, document: DocumentNode): string[] {
  const names = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field) return;
        const sized = listSizeOf(model, parent, field) !== undefined;
        for (const arg of node.arguments ?? []) {
          if (sized || conventional.has(arg.name.value)) collectVariables(arg.value, names);
        }
      },
      Directive(node) {
        if (node.name.value !== 'skip' && node.name.value !== 'include') return;
        for (const arg of node.arguments ?? []) collectVariables(arg.value, names);
      },
    }),
  );
  return [...names].sort();
}

const conventional: ReadonlySet<string> = new Set(CONVENTIONAL_SLICING_ARGUMENTS);

function collectVariables(value: ValueNode, names: Set<string>): void {
  switch (value.kind) {
    case Kind.VARIABLE:
      names.add(value.name.value);
      break;
    case Kind.LIST:
      for (const item of value.values) collectVariables(item, names);
      break;
    case Kind.OBJECT:
      for (const field of value.fields) collectVariables(field.value, names);
      break;
    default:
      break;
  }
}
