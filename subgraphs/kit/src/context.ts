import type { Logger } from 'pino';
import type { CallerIdentity } from './identity';

/** What every subgraph request context starts with; each subgraph adds its per-request DataLoaders. */
export interface BaseContext {
  identity: CallerIdentity;
  logger: Logger;
}
