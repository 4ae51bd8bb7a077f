import { type Logger, pino } from 'pino';
import { createComposer, defaultCompositionSettings } from './composition/createComposer';
import type { RegistryConfig } from './config';
import { openDatabase, type RegistryDatabase } from './db/openDatabase';
import { createRegistryServer } from './server';
import { ensureAdminToken } from './tokens/manageTokens';
import { scheduleUsageRollup } from './usage/scheduleUsageRollup';

/** A running (or ready to run) registry, for `serve.ts` and in-process use by end-to-end tests. */
export interface Registry {
  /** Starts the HTTP server on `port` (default: the configured one; 0 picks a free one). Resolves with the URL. */
  listen(port?: number): Promise<string>;
  /** Stops the HTTP server, then closes the database. */
  close(): Promise<void>;
  /** Base URL (`http://host:port`) once listening; GraphQL is at `${url}/graphql`. */
  readonly url: string;
  readonly db: RegistryDatabase;
  readonly logger: Logger;
  /** The admin token generated at first start of an empty registry (no SWITCHYARD_ADMIN_TOKEN); shown once. */
  readonly generatedAdminToken?: string;
}

/**
 * Creates a registry from its config: opens the database (PostgreSQL or PGlite), applies the migrations, ensures
 * an admin token, creates the composition worker pool (threads start on demand) and starts the hourly usage rollup
 * (rolls hours into days, deletes usage past `usage.retentionDays`). Nothing listens until `listen` is called;
 * `close` stops the rollup and the workers too.
 */
export async function createRegistry(config: RegistryConfig, logger?: Logger): Promise<Registry> {
  const log = logger ?? pino({ name: 'registry', level: config.logLevel });
  const database = await openDatabase(config.database);
  const { generatedToken } = await ensureAdminToken(database.db, config.adminToken);
  const composer = createComposer(config.composition ?? defaultCompositionSettings);
  const server = createRegistryServer({
    db: database.db,
    logger: log,
    limits: config.limits,
    apiLimits: config.apiLimits,
    checks: config.checks,
    routingUrls: config.routingUrls,
    usageLimits: config.usage,
    composer,
    documentLimits: config.documents,
  });
  const rollup = scheduleUsageRollup({
    db: database.db,
    retentionDays: config.usage?.retentionDays ?? 90,
    reportIdRetentionMs: config.usage?.reportIdRetentionMs,
    onRun(outcome) {
      if (outcome.ok) log.debug(outcome.result, 'usage rolled up');
      else log.error({ err: outcome.error }, 'usage rollup failed; retrying at the next interval');
    },
  });
  return {
    get url() {
      return server.url;
    },
    db: database.db,
    logger: log,
    generatedAdminToken: generatedToken,
    listen: (port = config.port) => server.listen(port, config.host),
    async close() {
      await server.close();
      await rollup.stop();
      await composer.close();
      await database.close();
    },
  };
}
