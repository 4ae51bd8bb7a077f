export { schema } from './schema';
export { createSuppliersSubgraph, SUPPLIERS_PORT } from './subgraph';
