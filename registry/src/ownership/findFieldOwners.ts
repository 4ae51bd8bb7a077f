import { type ConstDirectiveNode, Kind, parse, type ValueNode } from 'graphql';

/** Who resolves each field of a supergraph: `Type.field` -> subgraph names, plus fields taken by `@override`. */
export interface FieldOwnership {
  owners: Map<string, Set<string>>;
  /** `@override(from:)` entries, progressive (`label`) ones included: the field, its new and its old owner. */
  overrides: { coordinate: string; to: string; from: string }[];
}

function argument(directive: ConstDirectiveNode, name: string): ValueNode | undefined {
  return directive.arguments?.find((arg) => arg.name.value === name)?.value;
}

function text(value: ValueNode | undefined): string | undefined {
  if (!value) return undefined;
  if (value.kind === Kind.STRING || value.kind === Kind.ENUM) return value.value;
  return undefined;
}

function isTrue(value: ValueNode | undefined): boolean {
  return value?.kind === Kind.BOOLEAN && value.value;
}

/**
 * Reads field ownership from a supergraph's join directives: a field's `@join__field`s (less `external` and
 * `usedOverridden` ones) name the subgraphs that resolve it; a field without any is resolved by every subgraph of
 * its type's `@join__type`s. Pure; the supergraph SDL is what the registry composed itself.
 */
export function findFieldOwners(supergraphSdl: string | null): FieldOwnership {
  const owners = new Map<string, Set<string>>();
  const overrides: FieldOwnership['overrides'] = [];
  if (!supergraphSdl) return { owners, overrides };
  const document = parse(supergraphSdl, { noLocation: true });
  const graphNames = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const joinGraph = value.directives?.find((directive) => directive.name.value === 'join__graph');
      graphNames.set(value.name.value, (joinGraph && text(argument(joinGraph, 'name'))) ?? value.name.value);
    }
  }
  const nameOf = (value: ValueNode | undefined) => {
    const graph = text(value);
    return graph === undefined ? undefined : (graphNames.get(graph) ?? graph);
  };
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION
    ) {
      continue;
    }
    const typeGraphs = (definition.directives ?? [])
      .filter((directive) => directive.name.value === 'join__type')
      .map((directive) => nameOf(argument(directive, 'graph')))
      .filter((graph): graph is string => graph !== undefined);
    for (const field of definition.fields ?? []) {
      const coordinate = `${definition.name.value}.${field.name.value}`;
      const joinFields = (field.directives ?? []).filter((directive) => directive.name.value === 'join__field');
      const resolvers = new Set<string>();
      if (joinFields.length === 0) for (const graph of typeGraphs) resolvers.add(graph);
      for (const joinField of joinFields) {
        const graph = nameOf(argument(joinField, 'graph'));
        if (graph === undefined) continue;
        const from = text(argument(joinField, 'override'));
        if (from !== undefined) overrides.push({ coordinate, to: graph, from });
        if (isTrue(argument(joinField, 'external')) || isTrue(argument(joinField, 'usedOverridden'))) continue;
        resolvers.add(graph);
      }
      owners.set(coordinate, resolvers);
    }
  }
  return { owners, overrides };
}

/** A field that a composition takes away from a subgraph that resolved it. */
export interface OwnershipMove {
  coordinate: string;
  /** The subgraph that resolved the field before (or that `@override(from:)` names). */
  from: string;
  /** The subgraph that takes it, when known. */
  to: string | null;
}

/**
 * The fields the `after` supergraph takes away from a subgraph that resolved them in `before`, and every
 * `@override(from:)` in `after` (progressive `label` overrides move part of the traffic, so they count too).
 * A subgraph removed from the composition altogether is not a move: deletion has its own permission.
 */
export function findOwnershipMoves(
  before: string | null,
  after: string,
  remaining: ReadonlySet<string>,
): OwnershipMove[] {
  return compareFieldOwners(findFieldOwners(before), findFieldOwners(after), remaining);
}

/** `findOwnershipMoves` on ownership read already (composition workers keep the served supergraph's). */
export function compareFieldOwners(
  previous: FieldOwnership,
  next: FieldOwnership,
  remaining: ReadonlySet<string>,
): OwnershipMove[] {
  const moves: OwnershipMove[] = [];
  const seen = new Set<string>();
  const add = (move: OwnershipMove) => {
    const key = `${move.coordinate}\u0000${move.from}`;
    if (seen.has(key)) return;
    seen.add(key);
    moves.push(move);
  };
  for (const override of next.overrides) {
    if (override.from !== override.to) add({ coordinate: override.coordinate, from: override.from, to: override.to });
  }
  for (const [coordinate, was] of previous.owners) {
    const now = next.owners.get(coordinate);
    if (!now) continue;
    for (const owner of was) {
      if (now.has(owner) || !remaining.has(owner)) continue;
      add({ coordinate, from: owner, to: [...now].find((graph) => !was.has(graph)) ?? null });
    }
  }
  return moves;
}
