import type { RoutingUrlPolicy } from '../input/routingUrlPolicy';
import { defaultRetrySchedule, type RetrySchedule } from './retrySchedule';

/** How webhooks are accepted and delivered (`WEBHOOK_*`). */
export interface WebhookSettings {
  /** How often each replica looks for due deliveries, ms (WEBHOOK_POLL_INTERVAL_MS). Default 5000. */
  pollIntervalMs: number;
  /** Longest one attempt may take, ms (WEBHOOK_TIMEOUT_MS). Default 10000. */
  timeoutMs: number;
  /** Deliveries one replica claims and sends at once per poll (WEBHOOK_BATCH_SIZE). Default 10. */
  batchSize: number;
  retry: RetrySchedule;
  /** How long finished deliveries and their attempts are kept, ms (WEBHOOK_DELIVERY_RETENTION). Default 30 days. */
  deliveryRetentionMs: number;
  /** Most webhooks of one graph (WEBHOOK_MAX_PER_GRAPH). Default 20. */
  maxPerGraph: number;
  /** Most changes one delivery lists (WEBHOOK_MAX_CHANGES). Default 200. */
  maxChanges: number;
  /** What webhook URLs may be: ROUTING_URL_MAX_LENGTH long, WEBHOOK_ALLOWED_HOSTS, never link-local. */
  urls: RoutingUrlPolicy;
}

export const defaultWebhookSettings: WebhookSettings = {
  pollIntervalMs: 5_000,
  timeoutMs: 10_000,
  batchSize: 10,
  retry: defaultRetrySchedule,
  deliveryRetentionMs: 30 * 86_400_000,
  maxPerGraph: 20,
  maxChanges: 200,
  urls: { maxLength: 2048, allowedHosts: [], allowLinkLocal: false },
};

/** Shortest and longest webhook secret: 16 characters resist guessing; 256 hold any generated key. */
export const WEBHOOK_SECRET_LENGTH = { min: 16, max: 256 } as const;
