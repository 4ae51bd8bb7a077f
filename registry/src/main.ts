import { ConfigError } from './errors';
import { serveRegistry } from './serve';

serveRegistry().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
