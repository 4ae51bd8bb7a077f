import { z } from 'zod';
import { parseDuration } from '../usage/reports/parseUsageWindow';
import { defaultWebhookSettings, type WebhookSettings } from '../webhooks/webhookSettings';
import type { publishEnv } from './publishSettings';
import { duration, hostPatterns } from './settingTypes';

/** Webhook delivery, retries and limits (`WEBHOOK_*`). */
export const webhookEnv = z.object({
  /** How often each replica looks for webhook deliveries due, ms. Default 5000. */
  WEBHOOK_POLL_INTERVAL_MS: z.coerce
    .number()
    .int()
    .positive()
    .max(3_600_000)
    .default(defaultWebhookSettings.pollIntervalMs),
  /** Longest one webhook attempt may take before it counts as failed, ms. Default 10000. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().max(120_000).default(defaultWebhookSettings.timeoutMs),
  /** Webhook deliveries one replica sends at once per poll. Default 10. */
  WEBHOOK_BATCH_SIZE: z.coerce.number().int().positive().max(1000).default(defaultWebhookSettings.batchSize),
  /** Delay before a failed delivery's first retry, ms; each later retry doubles it. Default 30000. */
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().positive().default(defaultWebhookSettings.retry.baseDelayMs),
  /** Longest delay between two attempts of a delivery, ms. Default 3600000 (1 h). */
  WEBHOOK_RETRY_MAX_DELAY_MS: z.coerce.number().int().positive().default(defaultWebhookSettings.retry.maxDelayMs),
  /** How long after its event a delivery is retried before it is given up (`24h`). */
  WEBHOOK_RETRY_HORIZON: duration().default('24h'),
  /** How long finished deliveries and their attempts are kept (`30d`). */
  WEBHOOK_DELIVERY_RETENTION: duration().default('30d'),
  /** Most webhooks of one graph. Default 20. */
  WEBHOOK_MAX_PER_GRAPH: z.coerce.number().int().positive().max(10_000).default(defaultWebhookSettings.maxPerGraph),
  /** Most changes one delivery lists (breaking first). Default 200. */
  WEBHOOK_MAX_CHANGES: z.coerce.number().int().positive().max(100_000).default(defaultWebhookSettings.maxChanges),
  /**
   * Comma-separated host patterns webhook URLs must match (`hooks.slack.com,*.example.com`); unset allows any host
   * but link-local and cloud metadata ones.
   */
  WEBHOOK_ALLOWED_HOSTS: hostPatterns('host patterns look like hooks.slack.com or *.example.com'),
});

/** Webhook URLs are as long as routing URLs may be (`ROUTING_URL_MAX_LENGTH`), and never link-local. */
export function toWebhookSettings(
  parsed: z.output<typeof webhookEnv> & Pick<z.output<typeof publishEnv>, 'ROUTING_URL_MAX_LENGTH'>,
): WebhookSettings {
  return {
    pollIntervalMs: parsed.WEBHOOK_POLL_INTERVAL_MS,
    timeoutMs: parsed.WEBHOOK_TIMEOUT_MS,
    batchSize: parsed.WEBHOOK_BATCH_SIZE,
    retry: {
      baseDelayMs: parsed.WEBHOOK_RETRY_BASE_MS,
      maxDelayMs: parsed.WEBHOOK_RETRY_MAX_DELAY_MS,
      horizonMs: parseDuration(parsed.WEBHOOK_RETRY_HORIZON) ?? defaultWebhookSettings.retry.horizonMs,
    },
    deliveryRetentionMs: parseDuration(parsed.WEBHOOK_DELIVERY_RETENTION) ?? defaultWebhookSettings.deliveryRetentionMs,
    maxPerGraph: parsed.WEBHOOK_MAX_PER_GRAPH,
    maxChanges: parsed.WEBHOOK_MAX_CHANGES,
    urls: {
      maxLength: parsed.ROUTING_URL_MAX_LENGTH,
      allowedHosts: parsed.WEBHOOK_ALLOWED_HOSTS ?? [],
      allowLinkLocal: false,
    },
  };
}
