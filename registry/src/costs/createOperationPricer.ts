import { buildCostModel, CostModelError, calculateCost } from '@switchyard/cost-model';
import {
  buildASTSchema,
  type DocumentNode,
  GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  parse,
  typeFromAST,
  visit,
} from 'graphql';

/** A supergraph as a check prices against it: its API schema (what clients query) and its supergraph (the weights). */
export interface PricedSupergraph {
  apiSdl: string;
  supergraphSdl: string;
}

/** One document to price: its text, and whether its literals were hidden by the gateway's usage normalization. */
export interface DocumentToPrice {
  document: string;
  operationName: string | null;
  /** Usage documents carry `0` for every integer literal; those are priced as unknown counts. */
  literalsHidden: boolean;
}

/** Prices documents under one supergraph; `undefined` when a document cannot be priced there (invalid, no operation). */
export type OperationPricer = (input: DocumentToPrice) => number | undefined;

/**
 * The gateway's estimate of each document under `supergraph`, with its cost model (`@switchyard/cost-model`). A
 * check has no variable values: a variable without a default is priced at a placeholder, an `Int` one (a count) at
 * `defaultListSize`, as the gateway sizes a list it cannot size, and so is every integer literal of a usage document
 * (hidden as `0` by normalization). An operation over the gateway's node limit prices as `Infinity`.
 */
export function createOperationPricer(supergraph: PricedSupergraph, defaultListSize: number): OperationPricer {
  const schema = buildASTSchema(parse(supergraph.apiSdl), { assumeValidSDL: true });
  const model = buildCostModel(supergraph.supergraphSdl);
  return (input) => {
    let document: DocumentNode;
    try {
      document = parse(input.document, { noLocation: true });
    } catch {
      return undefined;
    }
    if (input.literalsHidden) document = unhideIntegerLiterals(document, defaultListSize);
    try {
      return calculateCost({
        schema,
        model,
        document,
        operationName: input.operationName,
        variables: placeholderVariables(schema, document, defaultListSize),
        defaultListSize,
      });
    } catch (error) {
      if (error instanceof CostModelError || error instanceof GraphQLError) return undefined;
      throw error;
    }
  };
}

function unhideIntegerLiterals(document: DocumentNode, size: number): DocumentNode {
  return visit(document, {
    IntValue: (node) => (node.value === '0' ? { ...node, value: String(size) } : undefined),
  });
}

/** Values for every variable without a default: `Int` ones sized as unknown lists, the rest the least that coerces. */
export function placeholderVariables(
  schema: GraphQLSchema,
  document: DocumentNode,
  size: number,
): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      if (variable.defaultValue) continue;
      const type = typeFromAST(schema, variable.type);
      if (!type) continue;
      const value = placeholderOf(type as GraphQLInputType, size, 0);
      if (value !== undefined) variables[variable.variable.name.value] = value;
    }
  }
  return variables;
}

function placeholderOf(type: GraphQLInputType, size: number, depth: number): unknown {
  const required = isNonNullType(type);
  const named = required ? type.ofType : type;
  if (isScalarType(named)) {
    switch (named.name) {
      case 'Int':
        return size;
      case 'Float':
        return 0;
      case 'Boolean':
        return required ? true : undefined;
      default:
        return required ? '0' : undefined;
    }
  }
  if (!required) return undefined;
  if (isListType(named)) return [];
  if (isEnumType(named)) return named.getValues()[0]?.value;
  if (isInputObjectType(named) && depth < 8) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(named.getFields())) {
      if (!isNonNullType(field.type) || field.defaultValue !== undefined) continue;
      value[field.name] = placeholderOf(field.type, size, depth + 1);
    }
    return value;
  }
  return undefined;
}
