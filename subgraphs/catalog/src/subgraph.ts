import { fileURLToPath } from 'node:url';
import { createSubgraph, type SubgraphConfig } from '@switchyard/subgraph-kit';
import type { Logger } from 'pino';
import * as dbSchema from './db/schema';
import { isCatalogSeeded, seedCatalog } from './db/seed';
import { createCatalogLoaders } from './loaders/catalogLoaders';
import { schema } from './schema';

/** Port the catalog subgraph listens on unless told otherwise. */
export const CATALOG_PORT = 4002;

/** Opens the catalog database (migrated and seeded) and builds the subgraph server; call `listen` to serve. */
export function createCatalogSubgraph(config: SubgraphConfig, logger?: Logger) {
  return createSubgraph(
    config,
    {
      dbSchema,
      pgSchema: 'catalog',
      migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
      schema,
      seed: seedCatalog,
      isSeeded: isCatalogSeeded,
      createContext: (base, db) => ({
        ...base,
        db,
        loaders: createCatalogLoaders(db),
        maxPageSize: config.maxPageSize,
      }),
    },
    logger,
  );
}
