export { schema } from './schema';
export { ACCOUNTS_PORT, createAccountsSubgraph } from './subgraph';
