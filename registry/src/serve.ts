import { type ConfigOverrides, loadConfig } from './config';
import { createRegistry } from './createRegistry';

/**
 * Runs the registry as a process: loads config (with `overrides`, e.g. `{ port: 4200 }` from the CLI's `--port`,
 * over the environment), opens and migrates the database, ensures the admin token (printing a generated one once), listens,
 * and closes gracefully on SIGTERM/SIGINT. Rejects with a `ConfigError` for bad settings.
 */
export async function serveRegistry(overrides: ConfigOverrides = {}): Promise<void> {
  const config = loadConfig(undefined, overrides);
  const registry = await createRegistry(config);
  if (registry.generatedAdminToken) {
    process.stdout.write(
      `\nSwitchyard registry admin token (shown once; store it now):\n\n  ${registry.generatedAdminToken}\n\n`,
    );
  }
  const url = await registry.listen();
  registry.logger.info({ url, graphql: `${url}/graphql` }, `registry listening on ${url}`);
  await new Promise<void>((resolve) => {
    let closing = false;
    const stop = (signal: NodeJS.Signals) => {
      if (closing) return;
      closing = true;
      registry.logger.info({ signal }, 'shutting down');
      registry.close().then(resolve, (error: unknown) => {
        registry.logger.error({ err: error }, 'shutdown failed');
        process.exitCode = 1;
        resolve();
      });
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
