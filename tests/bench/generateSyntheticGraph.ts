/** Sizes of a synthetic graph; the defaults give 50 subgraphs and about 2,000 types. */
export interface SyntheticGraphOptions {
  /** Number of subgraphs. Default 50. */
  subgraphs?: number;
  /** Entities each subgraph owns (`@key(fields: "id")`). Default 20. */
  entitiesPerSubgraph?: number;
  /** Value types each subgraph owns. Default 10. */
  valueTypesPerSubgraph?: number;
  /** Enums each subgraph owns. Default 8. */
  enumsPerSubgraph?: number;
  /** `@shareable` value types every subgraph defines identically. Default 10. */
  sharedValueTypes?: number;
  /** Entities of other subgraphs each subgraph contributes fields to. Default 4. */
  foreignEntitiesPerSubgraph?: number;
}

/** One generated subgraph, in the shape the registry and `composeServices` take. */
export interface SyntheticSubgraph {
  name: string;
  url: string;
  sdl: string;
}

const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external"])';

/**
 * Generates a deterministic Federation 2 graph: every subgraph owns entities, value types, enums and an input,
 * defines the same `@shareable` value types as every other subgraph, and adds fields to entities owned by other
 * subgraphs (so entities span several subgraphs). The same options always give the same SDL.
 */
export function generateSyntheticGraph(options: SyntheticGraphOptions = {}): SyntheticSubgraph[] {
  const count = options.subgraphs ?? 50;
  const sizes = {
    entities: options.entitiesPerSubgraph ?? 20,
    values: options.valueTypesPerSubgraph ?? 10,
    enums: options.enumsPerSubgraph ?? 8,
    shared: options.sharedValueTypes ?? 10,
    foreign: options.foreignEntitiesPerSubgraph ?? 4,
  };
  return Array.from({ length: count }, (_, index) => ({
    name: subgraphName(index),
    url: `http://${subgraphName(index)}.bench.local/graphql`,
    sdl: subgraphSdl(index, count, sizes),
  }));
}

/** Adds one field to an entity of a subgraph's SDL, the smallest real change a team publishes. */
export function addFieldToSubgraph(subgraph: SyntheticSubgraph, fieldName: string): SyntheticSubgraph {
  const entity = `type ${entityName(subgraphIndexOf(subgraph.name), 0)} @key(fields: "id") {\n`;
  if (!subgraph.sdl.includes(entity)) throw new Error(`No entity to change in ${subgraph.name}`);
  return { ...subgraph, sdl: subgraph.sdl.replace(entity, `${entity}  ${fieldName}: String\n`) };
}

function subgraphSdl(
  index: number,
  count: number,
  sizes: { entities: number; values: number; enums: number; shared: number; foreign: number },
): string {
  const name = subgraphName(index);
  const prefix = pascal(name);
  const blocks: string[] = [LINK];
  const queryFields: string[] = [];

  for (let shared = 0; shared < sizes.shared; shared += 1) {
    blocks.push(`type Shared${shared} @shareable {\n  code: String!\n  amount: Float\n  label: String\n}`);
  }
  for (let value = 0; value < sizes.values; value += 1) {
    blocks.push(
      `type ${prefix}Value${value} {\n  text: String\n  count: Int\n  ratio: Float\n  shared: Shared${value % Math.max(sizes.shared, 1)}\n}`,
    );
  }
  for (let enumIndex = 0; enumIndex < sizes.enums; enumIndex += 1) {
    const values = Array.from({ length: 5 }, (_, value) => `  ${prefix.toUpperCase()}_E${enumIndex}_V${value}`);
    blocks.push(`enum ${prefix}Enum${enumIndex} {\n${values.join('\n')}\n}`);
  }
  blocks.push(`input ${prefix}Filter {\n  search: String\n  limit: Int = 20\n  status: ${prefix}Enum0\n}`);

  for (let entity = 0; entity < sizes.entities; entity += 1) {
    const type = entityName(index, entity);
    const fields = [
      '  id: ID!',
      '  name: String!',
      '  description: String',
      '  createdAt: String!',
      '  score: Float',
      '  rank: Int',
      `  status: ${prefix}Enum${entity % Math.max(sizes.enums, 1)}`,
      `  details: ${prefix}Value${entity % Math.max(sizes.values, 1)}`,
      `  related(first: Int = 10): [${entityName(index, (entity + 1) % sizes.entities)}!]!`,
    ];
    blocks.push(`type ${type} @key(fields: "id") {\n${fields.join('\n')}\n}`);
    queryFields.push(`  ${camel(type)}(id: ID!): ${type}`);
  }
  queryFields.push(`  search${prefix}(filter: ${prefix}Filter): [${entityName(index, 0)}!]!`);

  // Contribute fields to entities owned by other subgraphs, so entities are resolved across subgraphs.
  for (let foreign = 1; foreign <= sizes.foreign; foreign += 1) {
    const owner = (index + foreign * 7) % count;
    if (owner === index) continue;
    const type = entityName(owner, (index + foreign) % sizes.entities);
    blocks.push(
      `type ${type} @key(fields: "id") {\n  id: ID!\n  ${camel(prefix)}Notes: [${prefix}Value0!]!\n  ${camel(prefix)}Status: ${prefix}Enum0\n}`,
    );
  }
  blocks.splice(1, 0, `type Query {\n${queryFields.join('\n')}\n}`);
  return `${blocks.join('\n\n')}\n`;
}

function subgraphName(index: number): string {
  return `service${String(index).padStart(2, '0')}`;
}

function subgraphIndexOf(name: string): number {
  return Number(name.replace('service', ''));
}

function entityName(subgraph: number, entity: number): string {
  return `${pascal(subgraphName(subgraph))}Entity${entity}`;
}

function pascal(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function camel(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
