import { fileURLToPath } from 'node:url';
import { createServiceTokenSigner, createSubgraph } from '@switchyard/subgraph-kit';
import type { Logger } from 'pino';
import { ORDERS_PORT, type OrdersConfig } from './config';
import * as dbSchema from './db/schema';
import { isOrdersSeeded, seedOrders } from './db/seed';
import { createHttpSupplyDirectory } from './directory/httpSupplyDirectory';
import type { SupplyDirectory } from './directory/supplyDirectory';
import { createOrderLoaders } from './loaders/orderLoaders';
import { schema } from './schema';

export { ORDERS_PORT };

/**
 * Opens the orders database (migrated and seeded) and builds the subgraph server; call `listen` to serve.
 * `directory` is where `placeOrder` checks supplies and offers; by default the catalog and suppliers subgraphs at
 * the configured URLs.
 */
export function createOrdersSubgraph(
  config: OrdersConfig,
  logger?: Logger,
  directory: SupplyDirectory = createHttpSupplyDirectory({
    ...config.directory,
    credential: config.directory.signingKey
      ? createServiceTokenSigner({
          service: 'orders',
          privateKey: config.directory.signingKey,
          setting: 'SERVICE_SIGNING_KEY',
        })
      : undefined,
  }),
) {
  return createSubgraph(
    config,
    {
      dbSchema,
      pgSchema: 'orders',
      migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
      schema,
      seed: seedOrders,
      isSeeded: isOrdersSeeded,
      createContext: (base, db) => ({
        ...base,
        db,
        directory,
        maxPageSize: config.maxPageSize,
        loaders: createOrderLoaders(db),
      }),
    },
    logger,
  );
}
