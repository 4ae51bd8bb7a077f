import { createHash } from 'node:crypto';
import {
  type ASTNode,
  type DocumentNode,
  Kind,
  type OperationDefinitionNode,
  print,
  type SelectionNode,
  separateOperations,
  visit,
} from 'graphql';

/** An operation reduced to what identifies it, whatever its formatting and literal values. */
export interface NormalizedOperation {
  /** sha256 hex of `document`. */
  signature: string;
  /** The operation and the fragments it uses: literals hidden, aliases removed, everything sorted, minimal whitespace. */
  document: string;
  name: string;
  type: OperationDefinitionNode['operation'];
}

/**
 * Normalizes one operation of a document: drops other operations and unused fragments, replaces literal values
 * (numbers by 0, strings by "", lists by [], objects by {}) so no client data leaves the gateway, removes aliases,
 * sorts selections, arguments, variables and fragments, and prints with minimal whitespace. Differently formatted
 * documents and different literal values give the same signature. Returns undefined when the operation is absent.
 */
export function normalizeOperation(
  document: DocumentNode,
  operationName?: string | null,
): NormalizedOperation | undefined {
  const operation = findOperation(document, operationName);
  if (!operation) return undefined;
  const name = operation.name?.value ?? '';
  const separated = selectOperation(document, operationName);
  if (!separated) return undefined;
  const hidden = visit(separated, {
    IntValue: (node) => ({ ...node, value: '0' }),
    FloatValue: (node) => ({ ...node, kind: Kind.INT, value: '0' }),
    StringValue: (node) => ({ ...node, value: '', block: false }),
    ListValue: (node) => ({ ...node, values: [] }),
    ObjectValue: (node) => ({ ...node, fields: [] }),
    Field: (node) => ({ ...node, alias: undefined }),
  });
  // Sorted on leave, so children are already normalized when their parent orders them.
  const sorted = visit(hidden, {
    SelectionSet: { leave: (node) => ({ ...node, selections: [...node.selections].sort(compareSelections) }) },
    Document: {
      leave: (node) => ({
        ...node,
        definitions: [...node.definitions].sort((a, b) => definitionKey(a).localeCompare(definitionKey(b))),
      }),
    },
    Field: {
      leave: (node) => ({ ...node, arguments: sortByName(node.arguments), directives: sortByName(node.directives) }),
    },
    Directive: { leave: (node) => ({ ...node, arguments: sortByName(node.arguments) }) },
    OperationDefinition: {
      leave: (node) => ({
        ...node,
        variableDefinitions: [...(node.variableDefinitions ?? [])].sort((a, b) =>
          a.variable.name.value.localeCompare(b.variable.name.value),
        ),
      }),
    },
  });
  const text = reduceWhitespace(print(sorted));
  return {
    signature: createHash('sha256').update(text).digest('hex'),
    document: text,
    name,
    type: operation.operation,
  };
}

/** A document of just the operation a request runs and the fragments it uses (other operations are not counted). */
export function selectOperation(document: DocumentNode, operationName?: string | null): DocumentNode | undefined {
  const operation = findOperation(document, operationName);
  if (!operation) return undefined;
  // graphql-js keys an anonymous operation by the empty string.
  return separateOperations(document)[operation.name?.value ?? ''];
}

/** The operation a request runs: the named one, or the only one. */
export function findOperation(
  document: DocumentNode,
  operationName?: string | null,
): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (operationName) return operations.find((operation) => operation.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

function sortByName<T extends { name: { value: string } }>(nodes: readonly T[] | undefined): T[] {
  return [...(nodes ?? [])].sort((a, b) => a.name.value.localeCompare(b.name.value));
}

function selectionKey(node: SelectionNode): string {
  switch (node.kind) {
    case Kind.FIELD:
      return `0${node.name.value}`;
    case Kind.FRAGMENT_SPREAD:
      return `1${node.name.value}`;
    case Kind.INLINE_FRAGMENT:
      return `2${node.typeCondition?.name.value ?? ''}${print(node)}`;
  }
}

function compareSelections(a: SelectionNode, b: SelectionNode): number {
  const left = selectionKey(a);
  const right = selectionKey(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

function definitionKey(node: ASTNode): string {
  if (node.kind === Kind.OPERATION_DEFINITION) return `0${node.name?.value ?? ''}`;
  if (node.kind === Kind.FRAGMENT_DEFINITION) return `1${node.name.value}`;
  return '2';
}

/** Collapses whitespace: literals are hidden, so no string content can be damaged. */
function reduceWhitespace(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/ ?([{}():,[\]=!@$]) ?/g, '$1')
    .replace(/\.\.\. /g, '...')
    .trim();
}
