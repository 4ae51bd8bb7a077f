import { type ConstDirectiveNode, type DocumentNode, Kind, parse } from 'graphql';
import { findLinkedDirectiveNames, LinkedSpec, readLinkedDirectives } from './findLinkedDirectiveNames';

/** `@listSize` of one field. */
export interface ListSize {
  /** Size when no slicing argument is given. */
  assumedSize?: number;
  /** Arguments whose value is the list's size (`first`, `last`); the largest given one wins. */
  slicingArguments: string[];
  /** Child fields (connection `edges`/`nodes`) whose list is sized by this field's slicing argument. */
  sizedFields: string[];
  /** Whether exactly one slicing argument must be given. Default true, as in the spec. */
  requireOneSlicingArgument: boolean;
}

/** The cost weights of a supergraph, read once per supergraph from its `@cost` and `@listSize` directives. */
export interface CostModel {
  /** `@cost(weight:)` on object, interface, scalar and enum types. */
  typeWeights: Map<string, number>;
  /** `@cost(weight:)` on fields, by coordinate (`Product.price`). */
  fieldWeights: Map<string, number>;
  /** `@cost(weight:)` on arguments, by coordinate (`Query.products(filter:)`). */
  argumentWeights: Map<string, number>;
  /** `@listSize` on fields, by coordinate. */
  listSizes: Map<string, ListSize>;
}

/** Reads the cost weights of a supergraph SDL (plain `@cost`/`@listSize`, renamed imports, or `@join__directive`). */
export function buildCostModel(supergraphSdl: string | DocumentNode): CostModel {
  const document = typeof supergraphSdl === 'string' ? parse(supergraphSdl) : supergraphSdl;
  const names = findLinkedDirectiveNames(document, LinkedSpec.cost, ['cost', 'listSize']);
  const model: CostModel = {
    typeWeights: new Map(),
    fieldWeights: new Map(),
    argumentWeights: new Map(),
    listSizes: new Map(),
  };
  const weightOf = (directives: readonly ConstDirectiveNode[] | undefined) => {
    const cost = readLinkedDirectives(directives, names).find((use) => use.name === 'cost');
    const weight = Number(cost?.args.weight);
    return cost && Number.isFinite(weight) ? weight : undefined;
  };

  for (const definition of document.definitions) {
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.OBJECT_TYPE_EXTENSION:
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_EXTENSION: {
        const typeName = definition.name.value;
        const typeWeight = weightOf(definition.directives);
        if (typeWeight !== undefined) model.typeWeights.set(typeName, typeWeight);
        for (const field of definition.fields ?? []) {
          const coordinate = `${typeName}.${field.name.value}`;
          const weight = weightOf(field.directives);
          if (weight !== undefined) model.fieldWeights.set(coordinate, weight);
          const listSize = readLinkedDirectives(field.directives, names).find((use) => use.name === 'listSize');
          if (listSize) model.listSizes.set(coordinate, toListSize(listSize.args));
          for (const arg of field.arguments ?? []) {
            const argWeight = weightOf(arg.directives);
            if (argWeight !== undefined) model.argumentWeights.set(`${coordinate}(${arg.name.value}:)`, argWeight);
          }
        }
        break;
      }
      case Kind.SCALAR_TYPE_DEFINITION:
      case Kind.SCALAR_TYPE_EXTENSION:
      case Kind.ENUM_TYPE_DEFINITION:
      case Kind.ENUM_TYPE_EXTENSION: {
        const weight = weightOf(definition.directives);
        if (weight !== undefined) model.typeWeights.set(definition.name.value, weight);
        break;
      }
      default:
        break;
    }
  }
  return model;
}

function toListSize(args: Record<string, unknown>): ListSize {
  const strings = (value: unknown) =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const assumedSize = Number(args.assumedSize);
  return {
    assumedSize: args.assumedSize != null && Number.isFinite(assumedSize) ? assumedSize : undefined,
    slicingArguments: strings(args.slicingArguments),
    sizedFields: strings(args.sizedFields),
    requireOneSlicingArgument: args.requireOneSlicingArgument !== false,
  };
}
