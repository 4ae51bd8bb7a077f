import { loadSubgraphConfig, runMain } from '@switchyard/subgraph-kit';
import { createSuppliersSubgraph, SUPPLIERS_PORT } from './subgraph';

runMain(async () => {
  const config = loadSubgraphConfig('suppliers', SUPPLIERS_PORT);
  const subgraph = await createSuppliersSubgraph(config);
  await subgraph.listen(config.port, config.host);
  return subgraph;
});
