import { loadSubgraphConfig, runMain } from '@switchyard/subgraph-kit';
import { ACCOUNTS_PORT, createAccountsSubgraph } from './subgraph';

runMain(async () => {
  const config = loadSubgraphConfig('accounts', ACCOUNTS_PORT);
  const subgraph = await createAccountsSubgraph(config);
  await subgraph.listen(config.port, config.host);
  return subgraph;
});
