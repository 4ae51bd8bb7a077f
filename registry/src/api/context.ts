import type { Logger } from 'pino';
import type { RegistryDatabase } from '../db/openDatabase';
import type { CheckUsageDefaults } from '../publishing/usageAwareChecks';
import type { Principal } from '../tokens/Principal';

/** What every GraphQL resolver gets: the database, the authenticated caller and the limits. */
export interface ApiContext {
  db: RegistryDatabase;
  principal: Principal;
  maxSdlBytes: number;
  logger: Logger;
  /** Defaults of usage-aware checks (`CHECK_USAGE_*`); `defaultCheckUsage` when unset. */
  checkUsage?: CheckUsageDefaults;
}
