import { fileURLToPath } from 'node:url';

/** Where the checked-in SDL lives: `schemas/<subgraph>.graphql` and `schemas/supergraph.graphql`. */
export const schemaFile = (name: string) => fileURLToPath(new URL(`./${name}.graphql`, import.meta.url));
export const supergraphFile = schemaFile('supergraph');
