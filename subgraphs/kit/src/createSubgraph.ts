import { sql } from 'drizzle-orm';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { SubgraphConfig } from './config';
import type { BaseContext } from './context';
import { type Database, type OpenedDatabase, openDatabase } from './db/openDatabase';
import { createIdentityReader } from './identity';
import { createLogger } from './logger';
import { createSubgraphServer, type SubgraphServer } from './server';

export interface SubgraphDefinition<TSchema extends Record<string, unknown>, TContext extends BaseContext> {
  /** The drizzle tables of the subgraph. */
  dbSchema: TSchema;
  /** PostgreSQL schema owning those tables (one per subgraph, so they can share a database). */
  pgSchema: string;
  /** Folder of the subgraph's checked-in drizzle-kit migrations. */
  migrationsFolder: string;
  /** The printed-from-Pothos subgraph schema. */
  schema: GraphQLSchema;
  /** Fills an empty database with the deterministic seed; skipped when data is there already. */
  seed(db: Database<TSchema>, scale: number): Promise<void>;
  /** Whether the database already holds data (then `seed` is skipped). */
  isSeeded(db: Database<TSchema>): Promise<boolean>;
  /** Adds per-request DataLoaders (and whatever else resolvers need) to the base context. */
  createContext(base: BaseContext, db: Database<TSchema>, config: SubgraphConfig): TContext;
}

export interface RunningSubgraph<TSchema extends Record<string, unknown>> extends SubgraphServer {
  database: OpenedDatabase<TSchema>;
  logger: Logger;
}

/**
 * Opens (and migrates, and seeds) a subgraph's database and builds its server. `listen` starts it; `close`
 * drains requests, then closes the database. Used by every subgraph's `main.ts` and by in-process tests.
 */
export async function createSubgraph<TSchema extends Record<string, unknown>, TContext extends BaseContext>(
  config: SubgraphConfig,
  definition: SubgraphDefinition<TSchema, TContext>,
  logger: Logger = createLogger(config.name, config.logLevel),
): Promise<RunningSubgraph<TSchema>> {
  // Before the database opens, so an unreadable key fails the start at once.
  const identity = createIdentityReader(config.name, config.identity);
  if (identity.warning) logger.warn(identity.warning);
  const database = await openDatabase({
    url: config.database.url,
    dataDir: config.database.url ? undefined : config.database.dataDir,
    schema: definition.dbSchema,
    migrationsFolder: definition.migrationsFolder,
    journal: definition.pgSchema,
  });
  if (!(await definition.isSeeded(database.db))) {
    const started = Date.now();
    await definition.seed(database.db, config.seedScale);
    logger.info({ ms: Date.now() - started, scale: config.seedScale }, `${config.name} database seeded`);
  }
  database.statements.reset();
  const server = createSubgraphServer<TContext>({
    name: config.name,
    schema: definition.schema,
    logger,
    identity,
    maxBodyBytes: config.maxBodyBytes,
    createContext: (base) => definition.createContext(base, database.db, config),
    checkHealth: async () => {
      await database.db.execute(sql`select 1`);
      return true;
    },
  });
  return {
    database,
    logger,
    get url() {
      return server.url;
    },
    listen: (port, host) => server.listen(port, host),
    async close() {
      await server.close();
      await database.close();
    },
  };
}
