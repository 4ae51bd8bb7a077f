import type { Logger } from 'pino';
import type { Composer } from '../composition/createComposer';
import type { RegistryDatabase } from '../db/openDatabase';
import type { DocumentLimits } from '../documents/documentLimits';
import type { RoutingUrlPolicy } from '../input/routingUrlPolicy';
import type { CheckUsageDefaults } from '../publishing/usageAwareChecks';
import type { Principal } from '../tokens/Principal';
import type { SendWebhook } from '../webhooks/sendWebhook';
import type { WebhookSettings } from '../webhooks/webhookSettings';

/** What every GraphQL resolver gets: the database, the authenticated caller and the limits. */
export interface ApiContext {
  db: RegistryDatabase;
  principal: Principal;
  maxSdlBytes: number;
  logger: Logger;
  /** Defaults of usage-aware checks (`CHECK_USAGE_*`); `defaultCheckUsage` when unset. */
  checkUsage?: CheckUsageDefaults;
  /** What routing URLs publishes and checks may set (`ROUTING_URL_*`); `defaultRoutingUrlPolicy` when unset. */
  routingUrls?: RoutingUrlPolicy;
  /** Where publish, check and delete compose (the registry's worker pool); the calling thread when unset. */
  composer?: Composer;
  /** Limits on published manifests (`PERSISTED_DOCUMENTS_MAX_*`); `defaultDocumentLimits` when unset. */
  documentLimits?: DocumentLimits;
  /** Webhook limits and delivery settings (`WEBHOOK_*`), and the sender `webhook test` uses; the defaults when unset. */
  webhooks?: { settings: WebhookSettings; send?: SendWebhook };
}
