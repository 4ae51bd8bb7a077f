import type { RegistryDatabase } from '../db/openDatabase';
import type { StoredCheckResult } from '../db/schema';
import { findRoutingUrlProblem } from '../input/routingUrlPolicy';
import { findLinkedSubgraphVersions, findSchemaChangesOf } from '../repositories/supergraphVersionRepository';
import {
  type ClaimedDelivery,
  claimDueDeliveries,
  findCheckForDelivery,
  findVersionForDelivery,
  findVersionServedAt,
  recordDeliveryAttempt,
  saveDeliveryBody,
} from '../repositories/webhookRepository';
import { buildWebhookPayload, renderWebhookBody, type WebhookSubject } from './buildWebhookPayload';
import { nextAttemptAt } from './retrySchedule';
import { type SendOutcome, type SendWebhook, sendWebhook } from './sendWebhook';
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './signWebhook';
import { DeliveryStatus, isWebhookFormat, WebhookEvent, WebhookFormat } from './WebhookEvent';
import type { WebhookSettings } from './webhookSettings';
import { webhookUrlSubject } from './webhookUrl';

/** What the deliverer runs with: the settings, a clock and the sender (tests pass their own of the last two). */
export interface DeliveryContext {
  db: RegistryDatabase;
  settings: WebhookSettings;
  /** Default `() => new Date()`. */
  now?: () => Date;
  /** Default `sendWebhook` (node:http). */
  send?: SendWebhook;
}

/** What one pass sent. */
export interface DeliveryPassResult {
  attempted: number;
  delivered: number;
  /** Failed this time and scheduled again. */
  retrying: number;
  /** Failed past the retry horizon (or a TEST that failed): given up. */
  failed: number;
}

/** What happened to one delivery in a pass. */
export interface AttemptResult extends SendOutcome {
  deliveryId: string;
  attempt: number;
  status: DeliveryStatus;
  nextAttemptAt: Date | null;
}

/** Reads what a delivery tells about, for its first attempt. `undefined` when it is gone (deleted meanwhile). */
async function readSubject(
  db: RegistryDatabase,
  claimed: ClaimedDelivery,
  maxChanges: number,
): Promise<WebhookSubject | undefined> {
  const { delivery } = claimed;
  if (
    (delivery.event === WebhookEvent.PUBLISH || delivery.event === WebhookEvent.DEPRECATION) &&
    delivery.supergraphVersionId
  ) {
    const version = await findVersionForDelivery(db, delivery.supergraphVersionId);
    if (!version) return undefined;
    const changes = (await findSchemaChangesOf(db, [version.id])).get(version.id) ?? [];
    // The subgraph names only go into a changelog rendered again for the changes kept (see buildWebhookPayload).
    const subgraphs =
      changes.length > maxChanges
        ? (await findLinkedSubgraphVersions(db, version.id)).map((linked) => linked.subgraph)
        : [];
    return {
      event: delivery.event,
      version: {
        ...version,
        changes,
        subgraphs,
        previousVersion: version.version > 1 ? version.version - 1 : null,
      },
    };
  }
  if (delivery.event === WebhookEvent.CHECK && delivery.checkId) {
    const check = await findCheckForDelivery(db, delivery.checkId);
    if (!check) return undefined;
    const result: StoredCheckResult = check.result;
    return {
      event: WebhookEvent.CHECK,
      servedVersion: await findVersionServedAt(db, check.variantId, check.createdAt),
      check: {
        id: check.id,
        subgraph: check.subgraphName,
        ok: check.ok,
        message: result.message,
        createdAt: check.createdAt,
        changes: result.changes.map((change) => ({ ...change, blocking: change.blocking ?? false })),
        costChanges: result.costChanges ?? [],
      },
    };
  }
  if (delivery.event === WebhookEvent.TEST) {
    const servedVersion = delivery.variantId
      ? await findVersionServedAt(db, delivery.variantId, delivery.createdAt)
      : null;
    return { event: WebhookEvent.TEST, servedVersion, at: delivery.createdAt };
  }
  return undefined;
}

/** The body to send: the stored one, or built now (and stored) at the first attempt. */
async function bodyOf(context: DeliveryContext, claimed: ClaimedDelivery): Promise<string | undefined> {
  if (claimed.delivery.body !== null) return claimed.delivery.body;
  const subject = await readSubject(context.db, claimed, context.settings.maxChanges);
  if (!subject) return undefined;
  const payload = buildWebhookPayload(
    { id: claimed.delivery.id, graph: claimed.graph, variant: claimed.variant ?? '*' },
    subject,
    context.settings.maxChanges,
  );
  const body = renderWebhookBody(payload, isWebhookFormat(claimed.format) ? claimed.format : WebhookFormat.JSON);
  await saveDeliveryBody(context.db, claimed.delivery.id, body);
  return body;
}

/**
 * Sends one claimed delivery once: builds its body at the first attempt, signs `<timestamp>.<body>`, POSTs it,
 * stores the attempt and schedules the next one by the retry schedule (or gives up past the horizon; `noRetry`
 * gives up at once, for TEST deliveries).
 */
export async function attemptDelivery(
  context: DeliveryContext,
  claimed: ClaimedDelivery,
  options: { noRetry?: boolean } = {},
): Promise<AttemptResult> {
  const now = context.now ?? (() => new Date());
  const send = context.send ?? sendWebhook;
  const startedAt = now();
  const attempt = claimed.delivery.attempts + 1;
  let outcome: SendOutcome;
  try {
    // The URL is checked again at each attempt: WEBHOOK_ALLOWED_HOSTS may have been narrowed since it was created.
    const problem = findRoutingUrlProblem(claimed.url, context.settings.urls, webhookUrlSubject);
    const body = problem ? undefined : await bodyOf(context, claimed);
    if (problem) outcome = { ok: false, statusCode: null, error: problem, durationMs: 0 };
    else if (body === undefined)
      outcome = { ok: false, statusCode: null, error: 'what this delivery tells about was deleted', durationMs: 0 };
    else {
      const timestamp = Math.floor(startedAt.getTime() / 1000);
      outcome = await send({
        url: claimed.url,
        body,
        timeoutMs: context.settings.timeoutMs,
        allowLinkLocal: context.settings.urls.allowLinkLocal,
        headers: {
          [SIGNATURE_HEADER]: signWebhook(claimed.secret, timestamp, body),
          [TIMESTAMP_HEADER]: String(timestamp),
          'x-switchyard-event': claimed.delivery.event,
          'x-switchyard-delivery': claimed.delivery.id,
        },
      });
    }
  } catch (error) {
    outcome = {
      ok: false,
      statusCode: null,
      error: error instanceof Error ? error.message : String(error),
      durationMs: 0,
    };
  }
  const finishedAt = now();
  const next =
    outcome.ok || options.noRetry
      ? undefined
      : nextAttemptAt(context.settings.retry, claimed.delivery.createdAt, finishedAt, attempt);
  const status = outcome.ok ? DeliveryStatus.DELIVERED : next ? DeliveryStatus.PENDING : DeliveryStatus.FAILED;
  await recordDeliveryAttempt(
    context.db,
    {
      deliveryId: claimed.delivery.id,
      attempt,
      startedAt,
      durationMs: outcome.durationMs,
      statusCode: outcome.statusCode,
      error: outcome.error,
    },
    {
      status,
      attempts: attempt,
      // A finished delivery keeps its last due time; only PENDING ones are ever claimed.
      nextAttemptAt: next ?? finishedAt,
      lastStatusCode: outcome.statusCode,
      lastError: outcome.error,
      completedAt: status === DeliveryStatus.PENDING ? null : finishedAt,
    },
  );
  return { ...outcome, deliveryId: claimed.delivery.id, attempt, status, nextAttemptAt: next ?? null };
}

/** How long a claimed delivery stays leased to its replica: two timeouts and a margin to store the outcome. */
export function leaseMs(settings: WebhookSettings): number {
  return settings.timeoutMs * 2 + 5_000;
}

/**
 * One pass of the deliverer: claims the due deliveries (up to `batchSize`, skipping rows another replica holds)
 * and sends them at once. Never throws for a receiver's failure; a database failure rejects (the scheduler logs it).
 */
export async function deliverDueWebhooks(context: DeliveryContext): Promise<DeliveryPassResult> {
  const now = (context.now ?? (() => new Date()))();
  const claimed = await claimDueDeliveries(context.db, {
    now,
    leaseUntil: new Date(now.getTime() + leaseMs(context.settings)),
    limit: context.settings.batchSize,
  });
  const results = await Promise.all(claimed.map((delivery) => attemptDelivery(context, delivery)));
  return {
    attempted: results.length,
    delivered: results.filter((result) => result.status === DeliveryStatus.DELIVERED).length,
    retrying: results.filter((result) => result.status === DeliveryStatus.PENDING).length,
    failed: results.filter((result) => result.status === DeliveryStatus.FAILED).length,
  };
}
