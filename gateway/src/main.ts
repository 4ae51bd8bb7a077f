import { parseCli } from './cli';
import { loadConfig } from './config';
import { ConfigError } from './errors';
import { createLogger } from './logger';
import { createGateway } from './server';

// Before anything from Apollo is constructed: no usage metrics to Apollo, no cloud-metadata probing.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';

const cli = parseCli(process.argv.slice(2));
if (cli.kind === 'help') {
  process.stdout.write(`${cli.text}\n`);
  process.exit(0);
}
if (cli.kind === 'error') {
  process.stderr.write(`${cli.message}\n`);
  process.exit(2);
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig({ ...process.env, ...cli.env });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

const logger = createLogger(config.telemetry.logLevel);
const gateway = createGateway(config, { logger });

let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) {
    logger.warn({ signal }, 'second signal: exiting without waiting');
    process.exit(1);
  }
  stopping = true;
  logger.info({ signal, graceMs: config.server.shutdownGraceMs }, 'shutting down');
  await gateway.close();
  process.exit(0);
}
process.on('SIGTERM', (signal) => void shutdown(signal));
process.on('SIGINT', (signal) => void shutdown(signal));

try {
  await gateway.listen();
} catch (error) {
  logger.fatal({ err: error }, 'the gateway could not start');
  process.exit(1);
}
