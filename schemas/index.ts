export { CompositionFailedError, composeOurSupergraph, type PrintedGraph } from './composeOurSupergraph';
export { schemaFile, supergraphFile } from './files';
export { ourSubgraphs } from './subgraphs';
