import type { RegistryDatabase } from '../db/openDatabase';
import { pruneDeliveries } from '../repositories/webhookRepository';
import { type DeliveryPassResult, deliverDueWebhooks } from './deliverWebhooks';
import type { SendWebhook } from './sendWebhook';
import type { WebhookSettings } from './webhookSettings';

/** Options of `scheduleWebhookDelivery`. */
export interface ScheduleWebhookDeliveryOptions {
  db: RegistryDatabase;
  settings: WebhookSettings;
  now?: () => Date;
  send?: SendWebhook;
  /** Told about each pass that sent something, or failed (for logs). */
  onPass?(outcome: { ok: true; result: DeliveryPassResult; pruned: number } | { ok: false; error: unknown }): void;
}

/** Finished deliveries are pruned at most this often. */
const PRUNE_EVERY_MS = 3_600_000;

/**
 * The background deliverer: a pass (`deliverDueWebhooks`) every `pollIntervalMs`, one at a time, and an hourly
 * prune of finished deliveries older than `deliveryRetentionMs`. Every replica runs one; `for update skip locked`
 * gives each delivery to one of them. The timer does not keep the process alive; `stop` waits for a pass.
 */
export function scheduleWebhookDelivery(options: ScheduleWebhookDeliveryOptions): {
  stop(): Promise<void>;
  /** Runs a pass now (or waits for the one running). */
  runNow(): Promise<void>;
} {
  const now = options.now ?? (() => new Date());
  let running: Promise<void> | undefined;
  let stopped = false;
  let lastPrune = Number.NEGATIVE_INFINITY;
  const pass = async () => {
    const result = await deliverDueWebhooks({ ...options, now });
    let pruned = 0;
    const at = now().getTime();
    if (at - lastPrune >= PRUNE_EVERY_MS) {
      lastPrune = at;
      pruned = await pruneDeliveries(options.db, new Date(at - options.settings.deliveryRetentionMs));
    }
    if (result.attempted > 0 || pruned > 0) options.onPass?.({ ok: true, result, pruned });
  };
  const run = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    running ??= pass()
      .catch((error: unknown) => options.onPass?.({ ok: false, error }))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(run, options.settings.pollIntervalMs);
  timer.unref();
  return {
    runNow: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
