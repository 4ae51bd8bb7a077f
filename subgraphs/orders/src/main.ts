import { runMain } from '@switchyard/subgraph-kit';
import { loadOrdersConfig } from './config';
import { createOrdersSubgraph } from './subgraph';

runMain(async () => {
  const config = loadOrdersConfig();
  const subgraph = await createOrdersSubgraph(config);
  await subgraph.listen(config.port, config.host);
  return subgraph;
});
