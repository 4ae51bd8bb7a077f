export { schema } from './schema';
export { SUPPLIERS_PORT, createSuppliersSubgraph } from './subgraph';
