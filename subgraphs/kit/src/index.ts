export { loadSubgraphConfig, type SubgraphConfig, subgraphSettingNames } from './config';
export type { BaseContext } from './context';
export { createSubgraph, type RunningSubgraph, type SubgraphDefinition } from './createSubgraph';
export { type Database, openDatabase, StatementCounter } from './db/openDatabase';
export { ConfigError, SubgraphError, SubgraphErrorCode } from './errors';
export {
  anonymous,
  type CallerIdentity,
  createIdentityReader,
  createServiceTokenSigner,
  GATEWAY_ISSUER,
  IDENTITY_TOKEN_HEADER,
  type IdentityReader,
  type IdentitySettings,
  requireUser,
  type ServiceTokenSigner,
  stringClaim,
  UnsignedIdentityHeader,
  withRefusal,
} from './identity';
export { byKey, groupByKey } from './loaders/keyOrder';
export { createLogger } from './logger';
export { checkPageSize, decodeCursor, encodeCursor, type Page, toPage } from './pagination';
export { runMain } from './runMain';
export { createSubgraphServer, SubgraphProbePaths, type SubgraphServer } from './server';
