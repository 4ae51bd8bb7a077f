import { type ConstDirectiveNode, type DocumentNode, Kind, parse } from 'graphql';

/** Which subgraphs can resolve each field of a supergraph: `Type.field` → subgraph names. */
export type SubgraphOwnership = Map<string, readonly string[]>;

function argument(directive: ConstDirectiveNode, name: string): string | boolean | undefined {
  const value = directive.arguments?.find((arg) => arg.name.value === name)?.value;
  if (!value) return undefined;
  if (value.kind === Kind.STRING || value.kind === Kind.ENUM) return value.value;
  if (value.kind === Kind.BOOLEAN) return value.value;
  return undefined;
}

/**
 * Reads field ownership from a supergraph's join directives: `@join__graph(name:)` names each subgraph,
 * `@join__type(graph:)` says which subgraphs define a type, and `@join__field(graph:)` (when present) which of
 * them resolve a field — `external` ones do not. Computed once per supergraph.
 */
export function buildSubgraphOwnership(supergraphSdl: string | DocumentNode): SubgraphOwnership {
  const document = typeof supergraphSdl === 'string' ? parse(supergraphSdl, { noLocation: true }) : supergraphSdl;
  const graphNames = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const name = value.directives?.find((d) => d.name.value === 'join__graph');
      const subgraph = name && argument(name, 'name');
      graphNames.set(value.name.value, typeof subgraph === 'string' ? subgraph : value.name.value.toLowerCase());
    }
  }
  const nameOf = (graph: string | boolean | undefined) =>
    typeof graph === 'string' ? (graphNames.get(graph) ?? graph) : undefined;

  const ownership: SubgraphOwnership = new Map();
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    ) {
      continue;
    }
    const typeGraphs = (definition.directives ?? [])
      .filter((d) => d.name.value === 'join__type')
      .map((d) => nameOf(argument(d, 'graph')))
      .filter((name): name is string => name !== undefined);
    for (const field of definition.fields ?? []) {
      const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
      let owners: string[];
      if (joins.length === 0) owners = typeGraphs;
      else {
        owners = [];
        for (const join of joins) {
          if (argument(join, 'external') === true) continue;
          const graph = nameOf(argument(join, 'graph'));
          if (graph) owners.push(graph);
          else owners.push(...typeGraphs);
        }
      }
      const coordinate = `${definition.name.value}.${field.name.value}`;
      ownership.set(coordinate, [...new Set([...(ownership.get(coordinate) ?? []), ...owners])].sort());
    }
  }
  return ownership;
}

/**
 * The subgraphs an operation needs, from the fields it references: every subgraph that alone owns one of them,
 * plus, for shared fields none of whose owners is needed already, their first owner (the query planner's choice
 * is not visible to plugins, so this is an estimate for shared fields).
 */
export function findSubgraphs(ownership: SubgraphOwnership, coordinates: readonly string[]): string[] {
  const needed = new Set<string>();
  const shared: (readonly string[])[] = [];
  for (const coordinate of coordinates) {
    const owners = ownership.get(coordinate);
    if (!owners) continue;
    const [first] = owners;
    if (owners.length === 1 && first) needed.add(first);
    else shared.push(owners);
  }
  for (const owners of shared) {
    const [first] = owners;
    if (first && !owners.some((owner) => needed.has(owner))) needed.add(first);
  }
  return [...needed].sort();
}
