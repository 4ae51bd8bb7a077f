import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeOurSupergraph } from './composeOurSupergraph';
import { schemaFile, supergraphFile } from './files';

describe('checked-in schemas', () => {
  const graph = composeOurSupergraph();

  it.each(graph.subgraphs.map((s) => [s.name, s.sdl] as const))('schemas/%s.graphql matches the code', (name, sdl) => {
    expect(readFileSync(schemaFile(name), 'utf8'), `schemas/${name}.graphql drifted: run \`npm run schemas\``).toBe(sdl);
  });

  it('schemas/supergraph.graphql is the composition of the four subgraphs', () => {
    expect(readFileSync(supergraphFile, 'utf8'), 'supergraph.graphql drifted: run `npm run schemas`').toBe(graph.supergraphSdl);
  });

  it('uses the federation features the domain needs', () => {
    const sdl = graph.supergraphSdl;
    // Supply is resolved across three subgraphs: catalog owns it, suppliers and orders join it.
    expect(sdl).toMatch(/type Supply[\s\S]*?@join__type\(graph: CATALOG, key: "id"\)[\s\S]*?@join__type\(graph: ORDERS/);
    expect(sdl).toMatch(/@join__type\(graph: SUPPLIERS, key: "id"/);
    expect(sdl).toContain('requires: "packSize"');
    expect(sdl).toMatch(/@tag\(name: "partner"\)/);
    expect(sdl).toMatch(/@deprecated\(reason:/);
  });
});
