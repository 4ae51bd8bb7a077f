export { schema } from './schema';
export { CATALOG_PORT, createCatalogSubgraph } from './subgraph';
