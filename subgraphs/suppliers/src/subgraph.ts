import { fileURLToPath } from 'node:url';
import { createSubgraph, type SubgraphConfig } from '@switchyard/subgraph-kit';
import type { Logger } from 'pino';
import * as dbSchema from './db/schema';
import { isSuppliersSeeded, seedSuppliers } from './db/seed';
import { createSupplierLoaders } from './loaders/supplierLoaders';
import { schema } from './schema';

/** Port the suppliers subgraph listens on unless told otherwise. */
export const SUPPLIERS_PORT = 4003;

/** Opens the suppliers database (migrated and seeded) and builds the subgraph server; call `listen` to serve. */
export function createSuppliersSubgraph(config: SubgraphConfig, logger?: Logger) {
  return createSubgraph(
    config,
    {
      dbSchema,
      pgSchema: 'suppliers',
      migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
      schema,
      seed: seedSuppliers,
      isSeeded: isSuppliersSeeded,
      createContext: (base, db) => ({
        ...base,
        db,
        loaders: createSupplierLoaders(db),
        maxPageSize: config.maxPageSize,
      }),
    },
    logger,
  );
}
