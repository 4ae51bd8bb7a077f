import type { Logger } from 'pino';
import { ConfigError } from './errors';

interface Closable {
  close(): Promise<void>;
  logger?: Logger;
}

/**
 * Runs a service's `main`: prints configuration errors and exits 1, and on SIGINT/SIGTERM closes the service
 * (draining requests) before exiting 0. Only `main.ts` files call this.
 */
export function runMain(start: () => Promise<Closable>): void {
  start().then(
    (service) => {
      let closing = false;
      const stop = (signal: string) => {
        if (closing) return;
        closing = true;
        service.logger?.info({ signal }, 'shutting down');
        service.close().then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(error);
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    },
    (error: unknown) => {
      console.error(error instanceof ConfigError ? error.message : error);
      process.exit(1);
    },
  );
}
