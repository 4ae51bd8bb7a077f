import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  getOperationAST,
  Kind,
  parse,
  type SelectionSetNode,
} from 'graphql';
import { ErrorCode, SwitchyardError } from '../../errors';

/** Limits on one request to the registry's GraphQL API, checked before validation (`API_MAX_*`). */
export interface ApiLimits {
  /** Lexer tokens of the document, enforced by the parser. Default 5000. */
  maxTokens: number;
  /** Field nesting, fragments expanded. Default 12. */
  maxDepth: number;
  /** Aliased fields, counted once per fragment spread. Default 30. */
  maxAliases: number;
  /** Distinct response keys of the root selection set. Default 20. */
  maxRootFields: number;
  /** Fields the operation resolves, fragments expanded per spread: the registry's cost. Default 2000. */
  maxCost: number;
}

/** What a hand-built config without `api` limits gets; every CLI and page operation is far below these. */
export const defaultApiLimits: ApiLimits = {
  maxTokens: 5000,
  maxDepth: 12,
  maxAliases: 30,
  maxRootFields: 20,
  maxCost: 2000,
};

/** The measured shape of an operation. */
export interface OperationShape {
  depth: number;
  aliases: number;
  rootFields: number;
  cost: number;
}

/**
 * Checks a request's document against `limits` before Apollo validates it (validation of thousands of aliases is
 * what took seconds): answers the `SwitchyardError` to send, or undefined when within limits or unparseable (Apollo
 * then reports the syntax error).
 */
export function checkApiLimits(
  source: unknown,
  operationName: unknown,
  limits: ApiLimits,
): SwitchyardError | undefined {
  if (typeof source !== 'string') return undefined;
  let document: DocumentNode;
  try {
    document = parse(source, { maxTokens: limits.maxTokens, noLocation: true });
  } catch (error) {
    if (error instanceof GraphQLError && /contains more tha[nt] \d+ tokens/i.test(error.message)) {
      return limitError(
        ErrorCode.TOKEN_LIMIT_EXCEEDED,
        `Operation has more than ${limits.maxTokens} tokens`,
        limits.maxTokens,
      );
    }
    return undefined;
  }
  const shape = measureOperation(document, typeof operationName === 'string' ? operationName : undefined);
  if (shape.aliases > limits.maxAliases)
    return limitError(
      ErrorCode.ALIAS_LIMIT_EXCEEDED,
      `Operation has ${shape.aliases} aliases`,
      limits.maxAliases,
      shape.aliases,
    );
  if (shape.depth > limits.maxDepth)
    return limitError(
      ErrorCode.DEPTH_LIMIT_EXCEEDED,
      `Operation is ${shape.depth} levels deep`,
      limits.maxDepth,
      shape.depth,
    );
  if (shape.rootFields > limits.maxRootFields)
    return limitError(
      ErrorCode.ROOT_FIELD_LIMIT_EXCEEDED,
      `Operation has ${shape.rootFields} root fields`,
      limits.maxRootFields,
      shape.rootFields,
    );
  if (shape.cost > limits.maxCost)
    return limitError(
      ErrorCode.COST_LIMIT_EXCEEDED,
      `Operation costs ${shape.cost} (fields resolved)`,
      limits.maxCost,
      shape.cost,
    );
  return undefined;
}

function limitError(code: ErrorCode, subject: string, limit: number, measured?: number): SwitchyardError {
  return new SwitchyardError(code, `${subject}; the registry's limit is ${limit}.`, {
    limit,
    measured: measured ?? null,
  });
}

/** Measures depth, aliases, root fields and cost of the selected operation, expanding fragments where spread. */
export function measureOperation(document: DocumentNode, operationName?: string): OperationShape {
  const operation = getOperationAST(document, operationName);
  if (!operation) return { depth: 0, aliases: 0, rootFields: 0, cost: 0 };
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  type Measure = { depth: number; aliases: number; cost: number };
  // Memoized per fragment, so a fragment spread a thousand times is measured once; cycles count as nothing.
  const memo = new Map<string, Measure>();
  const measure = (selectionSet: SelectionSetNode, visiting: Set<string>): Measure => {
    const total: Measure = { depth: 0, aliases: 0, cost: 0 };
    const add = (child: Measure, extraDepth: number) => {
      total.depth = Math.max(total.depth, child.depth + extraDepth);
      total.aliases += child.aliases;
      total.cost += child.cost;
    };
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const child = selection.selectionSet
          ? measure(selection.selectionSet, visiting)
          : { depth: 0, aliases: 0, cost: 0 };
        add({ ...child, aliases: child.aliases + (selection.alias ? 1 : 0), cost: child.cost + 1 }, 1);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        add(measure(selection.selectionSet, visiting), 0);
      } else {
        const name = selection.name.value;
        let child = memo.get(name);
        const fragment = fragments.get(name);
        if (!child && fragment && !visiting.has(name)) {
          visiting.add(name);
          child = measure(fragment.selectionSet, visiting);
          visiting.delete(name);
          memo.set(name, child);
        }
        if (child) add(child, 0);
      }
    }
    return total;
  };
  const { depth, aliases, cost } = measure(operation.selectionSet, new Set());
  const rootKeys = new Set<string>();
  const collectRoot = (selectionSet: SelectionSetNode, seen: Set<string>) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) rootKeys.add(selection.alias?.value ?? selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collectRoot(selection.selectionSet, seen);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collectRoot(fragment.selectionSet, seen);
      }
    }
  };
  collectRoot(operation.selectionSet, new Set());
  return { depth, aliases, rootFields: rootKeys.size, cost };
}
