import { type Logger, pino } from 'pino';
import { createComposer, defaultCompositionSettings } from './composition/createComposer';
import type { RegistryConfig } from './config';
import { openDatabase, type RegistryDatabase } from './db/openDatabase';
import { createRegistryServer } from './server';
import { ensureAdminToken } from './tokens/manageTokens';
import { scheduleUsageFold } from './usage/scheduleUsageFold';
import { scheduleUsageRollup } from './usage/scheduleUsageRollup';
import { scheduleWebhookDelivery } from './webhooks/scheduleWebhookDelivery';
import type { SendWebhook } from './webhooks/sendWebhook';
import { defaultWebhookSettings } from './webhooks/webhookSettings';

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
  /** Runs a webhook delivery pass now instead of at the next poll (WEBHOOK_POLL_INTERVAL_MS). */
  deliverWebhooks(): Promise<void>;
}

/** What tests may replace in a registry. */
export interface RegistryHooks {
  /** Sends webhook attempts; node:http by default. */
  sendWebhook?: SendWebhook;
}

/**
 * Creates a registry from its config: opens the database (PostgreSQL or PGlite), applies the migrations, ensures
 * an admin token, creates the composition worker pool (threads start on demand) and starts the hourly usage rollup
 * (rolls hours into days, deletes usage past `usage.retentionDays`) and the webhook deliverer. Nothing listens until
 * `listen` is called; `close` stops the rollup, the usage fold, the deliverer and the workers too. Accepted usage
 * reports are folded in the background (`scheduleUsageFold`).
 */
export async function createRegistry(
  config: RegistryConfig,
  logger?: Logger,
  hooks: RegistryHooks = {},
): Promise<Registry> {
  const log = logger ?? pino({ name: 'registry', level: config.logLevel });
  const database = await openDatabase(config.database);
  const { generatedToken } = await ensureAdminToken(database.db, config.adminToken);
  const composer = createComposer(config.composition ?? defaultCompositionSettings);
  const webhooks = { settings: config.webhooks ?? defaultWebhookSettings, send: hooks.sendWebhook };
  const fold = scheduleUsageFold({
    db: database.db,
    intervalMs: config.usage?.foldIntervalMs,
    delayMs: config.usage?.foldDelayMs,
    batchReports: config.usage?.foldBatchReports,
    onFold(outcome) {
      if (outcome.ok) log.debug(outcome.result, 'usage reports folded');
      else log.error({ err: outcome.error }, 'usage fold failed; retrying at the next report or interval');
    },
  });
  const server = createRegistryServer({
    db: database.db,
    logger: log,
    limits: config.limits,
    apiLimits: config.apiLimits,
    checks: config.checks,
    routingUrls: config.routingUrls,
    usageLimits: config.usage,
    maxPendingUsageReports: config.usage?.maxPendingReports,
    onUsageAccepted: fold.wake,
    composer,
    documentLimits: config.documents,
    webhooks,
  });
  const deliverer = scheduleWebhookDelivery({
    db: database.db,
    ...webhooks,
    onPass(outcome) {
      if (outcome.ok) log.debug({ ...outcome.result, pruned: outcome.pruned }, 'webhook deliveries sent');
      else log.error({ err: outcome.error }, 'webhook delivery pass failed; retrying at the next poll');
    },
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
    deliverWebhooks: () => deliverer.runNow(),
    async close() {
      await server.close();
      await deliverer.stop();
      await rollup.stop();
      // Waits for a fold in progress; reports still in the inbox are folded by another replica or the next start.
      await fold.stop();
      await composer.close();
      await database.close();
    },
  };
}
