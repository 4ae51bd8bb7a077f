import { fileURLToPath } from 'node:url';
import { createSubgraph, type SubgraphConfig } from '@switchyard/subgraph-kit';
import type { Logger } from 'pino';
import * as dbSchema from './db/schema';
import { isAccountsSeeded, seedAccounts } from './db/seed';
import { createAccountLoaders } from './loaders/accountLoaders';
import { schema } from './schema';

/** Port the accounts subgraph listens on unless told otherwise. */
export const ACCOUNTS_PORT = 4001;

/** Opens the accounts database (migrated and seeded) and builds the subgraph server; call `listen` to serve. */
export function createAccountsSubgraph(config: SubgraphConfig, logger?: Logger) {
  return createSubgraph(
    config,
    {
      dbSchema,
      pgSchema: 'accounts',
      migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
      schema,
      seed: seedAccounts,
      isSeeded: isAccountsSeeded,
      createContext: (base, db) => ({ ...base, loaders: createAccountLoaders(db) }),
    },
    logger,
  );
}
