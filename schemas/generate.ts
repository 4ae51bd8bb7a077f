import { writeFileSync } from 'node:fs';
import { composeOurSupergraph } from './composeOurSupergraph';
import { schemaFile, supergraphFile } from './files';

// `npm run schemas`: rewrites the checked-in SDL from the code. The drift test fails until this has been run.
const graph = composeOurSupergraph();
for (const { name, sdl } of graph.subgraphs) writeFileSync(schemaFile(name), sdl);
writeFileSync(supergraphFile, graph.supergraphSdl);
console.log(`wrote ${graph.subgraphs.map((s) => `${s.name}.graphql`).join(', ')} and supergraph.graphql`);
