import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { addFieldToSubgraph, generateSyntheticGraph } from './generateSyntheticGraph';

function typeNames(sdl: string): string[] {
  return [...sdl.matchAll(/^(?:type|enum|input) (\w+)/gm)].map((match) => match[1] ?? '');
}

describe('generateSyntheticGraph', () => {
  it('generates the benchmark size by default: 50 subgraphs and about 2,000 types', () => {
    const graph = generateSyntheticGraph();
    const types = new Set(graph.flatMap((subgraph) => typeNames(subgraph.sdl)));
    expect(graph).toHaveLength(50);
    expect(types.size).toBeGreaterThanOrEqual(1900);
    expect(types.size).toBeLessThanOrEqual(2100);
  });

  it('is deterministic', () => {
    expect(generateSyntheticGraph({ subgraphs: 5 })).toEqual(generateSyntheticGraph({ subgraphs: 5 }));
  });

  it('composes, with entities resolved across subgraphs and shareable value types', () => {
    const graph = generateSyntheticGraph({ subgraphs: 8, entitiesPerSubgraph: 4 });
    const result = composeServices(graph.map((subgraph) => ({ ...subgraph, typeDefs: parse(subgraph.sdl) })));
    expect(result.errors).toBeUndefined();
    const supergraph = result.supergraphSdl ?? '';
    // service02 and service04 add fields to service00's Entity0 (owner = (index + 7k) mod 8, entity = (index + k) mod 4).
    expect(supergraph).toMatch(
      /type Service00Entity0\s+@join__type\(graph: SERVICE00, key: "id"\)\s+@join__type\(graph: SERVICE02, key: "id"\)\s+@join__type\(graph: SERVICE04, key: "id"\)/,
    );
    expect(supergraph).toContain('type Shared0');
  });

  it('adds a field to a subgraph for the publish being measured', () => {
    const [first] = generateSyntheticGraph({ subgraphs: 2 });
    const changed = addFieldToSubgraph(first ?? { name: '', url: '', sdl: '' }, 'benchField0');
    expect(changed.sdl).toContain('type Service00Entity0 @key(fields: "id") {\n  benchField0: String\n');
  });
});
