import { loadSubgraphConfig, runMain } from '@switchyard/subgraph-kit';
import { CATALOG_PORT, createCatalogSubgraph } from './subgraph';

runMain(async () => {
  const config = loadSubgraphConfig('catalog', CATALOG_PORT);
  const subgraph = await createCatalogSubgraph(config);
  await subgraph.listen(config.port, config.host);
  return subgraph;
});
