import { type DocumentNode, type FragmentDefinitionNode, getOperationAST, Kind, type SelectionSetNode } from 'graphql';

/** The shape of an operation that the limits plugin checks, with fragments expanded where they are spread. */
export interface OperationShape {
  /** Deepest field nesting; `{ a { b } }` is 2. */
  depth: number;
  /** Aliased fields, counted once per place a fragment is spread. */
  aliases: number;
  /** Distinct response keys of the root selection set. */
  rootFields: number;
}

/** Measures depth, aliases and root fields of the selected operation of a validated document. */
export function measureOperation(document: DocumentNode, operationName?: string | null): OperationShape {
  const operation = getOperationAST(document, operationName);
  if (!operation) return { depth: 0, aliases: 0, rootFields: 0 };
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  // Memoized per fragment so `...A` spread a thousand times is measured once (validation already ruled out cycles).
  const memo = new Map<string, { depth: number; aliases: number }>();
  const measure = (selectionSet: SelectionSetNode, visiting: Set<string>): { depth: number; aliases: number } => {
    let depth = 0;
    let aliases = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases += 1;
        const child = selection.selectionSet ? measure(selection.selectionSet, visiting) : { depth: 0, aliases: 0 };
        depth = Math.max(depth, 1 + child.depth);
        aliases += child.aliases;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const child = measure(selection.selectionSet, visiting);
        depth = Math.max(depth, child.depth);
        aliases += child.aliases;
      } else {
        const name = selection.name.value;
        let child = memo.get(name);
        if (!child) {
          const fragment = fragments.get(name);
          if (!fragment || visiting.has(name)) continue;
          visiting.add(name);
          child = measure(fragment.selectionSet, visiting);
          visiting.delete(name);
          memo.set(name, child);
        }
        depth = Math.max(depth, child.depth);
        aliases += child.aliases;
      }
    }
    return { depth, aliases };
  };
  const { depth, aliases } = measure(operation.selectionSet, new Set());
  return { depth, aliases, rootFields: countRootFields(operation.selectionSet, fragments, new Set(), new Set()).size };
}

function countRootFields(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  keys: Set<string>,
  seen: Set<string>,
): Set<string> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) keys.add(selection.alias?.value ?? selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) countRootFields(selection.selectionSet, fragments, keys, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) countRootFields(fragment.selectionSet, fragments, keys, seen);
    }
  }
  return keys;
}
