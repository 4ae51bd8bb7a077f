import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type FragmentSpreadNode,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  getOperationAST,
  type InlineFragmentNode,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import type { Identity } from '../../context';
import {
  type AuthorizationModel,
  describeRequirement,
  mergeRequirements,
  type Requirement,
  satisfies,
} from './authorizationModel';

/** Alias of the `__typename` put where selections were removed: keeps selection sets non-empty and tells types apart. */
export const PLACEHOLDER_KEY = '_switchyardAuthzTypename';

/** One response key on the way to an unauthorized selection, with the field's type for null propagation. */
export interface PathStep {
  key: string;
  type: GraphQLOutputType;
  /** The innermost fragment type condition this field sits under, if any. */
  typeCondition?: string;
}

/** A field or fragment the caller may not select, and where it sits in the response. */
export interface UnauthorizedSelection {
  /** `Product.cost` for a field, the type name for a fragment. */
  coordinate: string;
  message: string;
  /** For a field, the steps from the root to it (it is the last); for a fragment, the steps to its parent object. */
  steps: PathStep[];
  /** Set for a removed fragment: its type condition. */
  fragmentType?: string;
}

export interface AuthorizationAnalysis {
  unauthorized: UnauthorizedSelection[];
  /** The document without the unauthorized selections (the same object when none). */
  document: DocumentNode;
  /** Identifies which selections were removed, to key query plans of the filtered document. */
  signature: string;
}

type RemovableNode = FieldNode | InlineFragmentNode | FragmentSpreadNode;

/**
 * Finds the selections of an operation that `@authenticated`/`@requiresScopes` forbid to this caller (on the field,
 * on its type, on an implementation of an interface field, or on a fragment's type condition) and returns the
 * document without them, with a `__typename` placeholder where something was removed.
 */
export function findUnauthorizedSelections(input: {
  schema: GraphQLSchema;
  model: AuthorizationModel;
  document: DocumentNode;
  operationName?: string | null;
  identity: Identity | null;
}): AuthorizationAnalysis {
  const { schema, model, document, identity } = input;
  const operation = getOperationAST(document, input.operationName);
  const rootType = operation ? schema.getRootType(operation.operation) : undefined;
  if (!operation || !rootType || (model.fields.size === 0 && model.types.size === 0)) {
    return { unauthorized: [], document, signature: '' };
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }

  // 1. Decide which nodes go. A field's fate depends only on its parent type, so named fragments are decided once.
  const removed = new Map<RemovableNode, { coordinate: string; message: string; order: number }>();
  let order = 0;
  const typeRequirement = (type: GraphQLNamedType) => model.types.get(type.name);
  const deny = (node: RemovableNode, coordinate: string, requirement: Requirement) =>
    removed.set(node, { coordinate, message: `${coordinate} needs ${describeRequirement(requirement)}.`, order });
  const decide = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType) => {
    for (const selection of selectionSet.selections) {
      order += 1;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__') || !(isObjectType(parentType) || isInterfaceType(parentType))) continue;
        const field = parentType.getFields()[name];
        if (!field) continue;
        const returnType = getNamedType(field.type);
        const requirement = combine(fieldRequirement(schema, model, parentType, name), typeRequirement(returnType));
        if (requirement && !satisfies(requirement, identity))
          deny(selection, `${parentType.name}.${name}`, requirement);
        else if (selection.selectionSet && isCompositeType(returnType)) decide(selection.selectionSet, returnType);
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
        const condition = fragment?.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parentType;
        if (!fragment || !condition || !isCompositeType(condition)) continue;
        const requirement = typeRequirement(condition);
        if (requirement && !satisfies(requirement, identity)) deny(selection, condition.name, requirement);
        else if (selection.kind === Kind.INLINE_FRAGMENT) decide(selection.selectionSet, condition);
      }
    }
  };
  decide(operation.selectionSet, rootType);
  for (const fragment of fragments.values()) {
    const condition = schema.getType(fragment.typeCondition.name.value);
    if (condition && isCompositeType(condition)) decide(fragment.selectionSet, condition);
  }
  if (removed.size === 0) return { unauthorized: [], document, signature: '' };

  // 2. Where each removed selection lands in the response (fragments expanded where spread).
  const unauthorized: UnauthorizedSelection[] = [];
  const containsRemoval = memoizeContainsRemoval(removed, fragments);
  const walk = (
    selectionSet: SelectionSetNode,
    parentType: GraphQLCompositeType,
    steps: PathStep[],
    typeCondition: string | undefined,
    spreading: Set<string>,
  ) => {
    for (const selection of selectionSet.selections) {
      const denied = removed.get(selection);
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const field =
          isObjectType(parentType) || isInterfaceType(parentType)
            ? parentType.getFields()[selection.name.value]
            : undefined;
        if (!field) continue;
        const step = { key, type: field.type, typeCondition };
        if (denied)
          unauthorized.push({ coordinate: denied.coordinate, message: denied.message, steps: [...steps, step] });
        else if (selection.selectionSet && containsRemoval(selection.selectionSet)) {
          const childType = getNamedType(field.type);
          if (isCompositeType(childType))
            walk(selection.selectionSet, childType, [...steps, step], undefined, spreading);
        }
        continue;
      }
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
      if (!fragment) continue;
      const conditionName = fragment.typeCondition?.name.value;
      if (denied) {
        unauthorized.push({
          coordinate: denied.coordinate,
          message: denied.message,
          steps,
          fragmentType: conditionName ?? parentType.name,
        });
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD && spreading.has(selection.name.value)) continue;
      if (!containsRemoval(fragment.selectionSet)) continue;
      const condition = conditionName ? schema.getType(conditionName) : parentType;
      if (!condition || !isCompositeType(condition)) continue;
      const nested =
        selection.kind === Kind.FRAGMENT_SPREAD ? new Set([...spreading, selection.name.value]) : spreading;
      walk(fragment.selectionSet, condition, steps, conditionName ?? typeCondition, nested);
    }
  };
  walk(operation.selectionSet, rootType, [], undefined, new Set());

  return {
    unauthorized,
    document: removeSelections(document, removed),
    signature: [...removed.values()]
      .map((r) => r.order)
      .sort((a, b) => a - b)
      .join(','),
  };
}

/** Requirement of a field, including those of the implementations when it is read through an interface. */
function fieldRequirement(
  schema: GraphQLSchema,
  model: AuthorizationModel,
  parentType: GraphQLCompositeType,
  name: string,
): Requirement | undefined {
  let requirement = model.fields.get(`${parentType.name}.${name}`);
  if (isAbstractType(parentType)) {
    for (const type of schema.getPossibleTypes(parentType))
      requirement = combine(requirement, model.fields.get(`${type.name}.${name}`));
  }
  return requirement;
}

function combine(a: Requirement | undefined, b: Requirement | undefined): Requirement | undefined {
  if (!a) return b;
  if (!b) return a;
  return mergeRequirements(a, b);
}

function memoizeContainsRemoval(removed: Map<RemovableNode, unknown>, fragments: Map<string, FragmentDefinitionNode>) {
  const memo = new Map<SelectionSetNode, boolean>();
  const contains = (selectionSet: SelectionSetNode, spreading: Set<string>): boolean => {
    const known = memo.get(selectionSet);
    if (known !== undefined) return known;
    let found = false;
    for (const selection of selectionSet.selections) {
      if (removed.has(selection)) found = true;
      else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !spreading.has(selection.name.value))
          found = contains(fragment.selectionSet, new Set([...spreading, selection.name.value]));
      } else if (selection.selectionSet) found = contains(selection.selectionSet, spreading);
      if (found) break;
    }
    memo.set(selectionSet, found);
    return found;
  };
  return (selectionSet: SelectionSetNode) => contains(selectionSet, new Set());
}

const PLACEHOLDER_FIELD: FieldNode = {
  kind: Kind.FIELD,
  alias: { kind: Kind.NAME, value: PLACEHOLDER_KEY },
  name: { kind: Kind.NAME, value: '__typename' },
};

function removeSelections(document: DocumentNode, removed: Map<RemovableNode, unknown>): DocumentNode {
  const rewrite = (selectionSet: SelectionSetNode): SelectionSetNode => {
    const removedHere = selectionSet.selections.some((selection) => removed.has(selection));
    let changed = removedHere;
    const selections: SelectionSetNode['selections'][number][] = [];
    for (const selection of selectionSet.selections) {
      if (removed.has(selection)) continue;
      if (selection.kind !== Kind.FRAGMENT_SPREAD && selection.selectionSet) {
        const child = rewrite(selection.selectionSet);
        if (child !== selection.selectionSet) {
          changed = true;
          selections.push({ ...selection, selectionSet: child });
          continue;
        }
      }
      selections.push(selection);
    }
    if (!changed) return selectionSet;
    if (removedHere) selections.push(PLACEHOLDER_FIELD);
    return { ...selectionSet, selections };
  };
  const definitions = document.definitions.map((definition) =>
    definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION
      ? { ...definition, selectionSet: rewrite(definition.selectionSet) }
      : definition,
  );
  // Fragments only spread from removed selections would fail "no unused fragments" downstream.
  const used = new Set<string>();
  const collect = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        if (used.has(selection.name.value)) continue;
        used.add(selection.name.value);
        const fragment = definitions.find(
          (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value,
        );
        if (fragment && fragment.kind === Kind.FRAGMENT_DEFINITION) collect(fragment.selectionSet);
      } else if (selection.selectionSet) collect(selection.selectionSet);
    }
  };
  for (const definition of definitions)
    if (definition.kind === Kind.OPERATION_DEFINITION) collect(definition.selectionSet);
  return {
    ...document,
    definitions: definitions.filter((d) => d.kind !== Kind.FRAGMENT_DEFINITION || used.has(d.name.value)),
  };
}
