import { ErrorCode, SwitchyardError } from '../errors';
import { graphNotFound, requireVariant } from '../graphs/requireVariant';
import { findRoutingUrlProblem, hasControlCharacter } from '../input/routingUrlPolicy';
import { assertName } from '../publishing/validateInput';
import { findGraph } from '../repositories/graphRepository';
import {
  countWebhooks,
  deleteWebhookRow,
  findWebhook,
  insertTestDelivery,
  insertWebhook,
  listDeliveries,
  listWebhooks,
  readDeliveries,
  type WebhookSummary,
} from '../repositories/webhookRepository';
import { type AttemptResult, attemptDelivery, type DeliveryContext, leaseMs } from './deliverWebhooks';
import { isSubscribableEvent, isWebhookFormat, subscribableEvents, WebhookFormat } from './WebhookEvent';
import { WEBHOOK_SECRET_LENGTH } from './webhookSettings';
import { webhookUrlSubject } from './webhookUrl';

/** A webhook to create. */
export interface CreateWebhookInput {
  graph: string;
  /** Only this variant's events; every variant's when omitted. */
  variant?: string | null;
  url: string;
  secret: string;
  /** PUBLISH, CHECK, DEPRECATION; all three when omitted. */
  events?: readonly string[] | null;
  /** JSON (default) or SLACK. */
  format?: string | null;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Refuses anything but a UUID before it reaches SQL (where it would fail as a cast). */
function assertWebhookId(id: string): void {
  if (!uuidPattern.test(id)) {
    throw new SwitchyardError(ErrorCode.BAD_USER_INPUT, `"${id.slice(0, 60)}" is not a webhook id (a UUID).`);
  }
}

/** The events asked for, each once, in the order given; refuses unknown ones by name. */
export function parseWebhookEvents(events: readonly string[] | null | undefined): string[] {
  if (events === null || events === undefined) return [...subscribableEvents];
  const wanted = [...new Set(events.map((event) => event.trim().toUpperCase()))];
  const unknown = wanted.find((event) => !isSubscribableEvent(event));
  if (unknown !== undefined || wanted.length === 0) {
    throw new SwitchyardError(
      ErrorCode.BAD_USER_INPUT,
      `${unknown === undefined ? 'No events given' : `Unknown webhook event "${unknown.slice(0, 40)}"`}; use ${subscribableEvents.join(', ')}.`,
    );
  }
  return wanted;
}

/** Refuses a secret that is too short to resist guessing, too long, or holds control characters. */
function assertSecret(secret: string): void {
  if (secret.length < WEBHOOK_SECRET_LENGTH.min || secret.length > WEBHOOK_SECRET_LENGTH.max) {
    throw new SwitchyardError(
      ErrorCode.BAD_USER_INPUT,
      `A webhook secret must be ${WEBHOOK_SECRET_LENGTH.min} to ${WEBHOOK_SECRET_LENGTH.max} characters long (this one has ${secret.length}); generate one with \`openssl rand -hex 32\`.`,
    );
  }
  if (hasControlCharacter(secret)) {
    throw new SwitchyardError(ErrorCode.BAD_USER_INPUT, 'A webhook secret may not contain control characters.');
  }
}

async function requireGraphId(context: DeliveryContext, graph: string): Promise<string> {
  assertName('graph', graph);
  const found = await findGraph(context.db, graph);
  if (!found) throw graphNotFound(graph);
  return found.id;
}

async function requireWebhook(context: DeliveryContext, graph: string, id: string): Promise<WebhookSummary> {
  assertWebhookId(id);
  const webhook = await findWebhook(context.db, await requireGraphId(context, graph), id);
  if (!webhook) throw new SwitchyardError(ErrorCode.NOT_FOUND, `Graph "${graph}" has no webhook ${id}.`);
  return webhook;
}

/**
 * Creates a webhook after validating every input: the URL by the routing URL rules (`INVALID_WEBHOOK_URL`), the
 * secret's length, the events and format, the graph and variant (`GRAPH_NOT_FOUND`, `VARIANT_NOT_FOUND`) and the
 * graph's webhook count (`WEBHOOK_LIMIT_REACHED` past WEBHOOK_MAX_PER_GRAPH). Answers it without its secret.
 */
export async function createWebhook(context: DeliveryContext, input: CreateWebhookInput): Promise<WebhookSummary> {
  assertName('graph', input.graph);
  if (input.variant) assertName('variant', input.variant);
  const problem = findRoutingUrlProblem(input.url, context.settings.urls, webhookUrlSubject);
  if (problem) throw new SwitchyardError(ErrorCode.INVALID_WEBHOOK_URL, problem);
  assertSecret(input.secret);
  const events = parseWebhookEvents(input.events);
  const format = (input.format ?? WebhookFormat.JSON).toUpperCase();
  if (!isWebhookFormat(format)) {
    throw new SwitchyardError(ErrorCode.BAD_USER_INPUT, `Unknown webhook format; use JSON or SLACK.`);
  }
  const variantId = input.variant ? (await requireVariant(context.db, input.graph, input.variant)).variantId : null;
  const graphId = await requireGraphId(context, input.graph);
  const existing = await countWebhooks(context.db, graphId);
  if (existing >= context.settings.maxPerGraph) {
    throw new SwitchyardError(
      ErrorCode.WEBHOOK_LIMIT_REACHED,
      `Graph "${input.graph}" already has ${existing} webhooks, the most allowed (WEBHOOK_MAX_PER_GRAPH); delete one first.`,
      { limit: context.settings.maxPerGraph },
    );
  }
  const { id } = await insertWebhook(context.db, {
    graphId,
    variantId,
    url: input.url,
    secret: input.secret,
    events,
    format,
  });
  const created = await findWebhook(context.db, graphId, id);
  if (!created) throw new Error(`Webhook ${id} vanished after it was created.`);
  return created;
}

/** A graph's webhooks (of one variant and the graph-wide ones when `variant` is given), without their secrets. */
export async function listGraphWebhooks(
  context: DeliveryContext,
  input: { graph: string; variant?: string | null },
): Promise<WebhookSummary[]> {
  if (input.variant) {
    assertName('variant', input.variant);
    const variant = await requireVariant(context.db, input.graph, input.variant);
    return listWebhooks(context.db, variant.graphId, variant.variantId);
  }
  return listWebhooks(context.db, await requireGraphId(context, input.graph));
}

/** Deletes a webhook with its deliveries; answers what it was. */
export async function deleteWebhook(
  context: DeliveryContext,
  input: { graph: string; id: string },
): Promise<WebhookSummary> {
  const webhook = await requireWebhook(context, input.graph, input.id);
  await deleteWebhookRow(context.db, await requireGraphId(context, input.graph), input.id);
  return webhook;
}

/**
 * Sends a TEST delivery now, signed like every other, and answers how it went; it is kept with the webhook's
 * deliveries and never retried.
 */
export async function testWebhook(
  context: DeliveryContext,
  input: { graph: string; id: string },
): Promise<AttemptResult> {
  const webhook = await requireWebhook(context, input.graph, input.id);
  const now = (context.now ?? (() => new Date()))();
  const variantId = webhook.variant
    ? (await requireVariant(context.db, webhook.graph, webhook.variant)).variantId
    : null;
  const row = await insertTestDelivery(context.db, {
    webhookId: webhook.id,
    variantId,
    // Out of the deliverer's reach while this request sends it.
    notBefore: new Date(now.getTime() + leaseMs(context.settings)),
  });
  const [claimed] = await readDeliveries(context.db, [row.id]);
  if (!claimed) throw new Error(`Delivery ${row.id} vanished after it was created.`);
  return attemptDelivery(context, claimed, { noRetry: true });
}

/** A webhook's deliveries, newest first, with their attempts. */
export async function listWebhookDeliveries(
  context: DeliveryContext,
  input: { graph: string; id: string; limit: number },
) {
  const webhook = await requireWebhook(context, input.graph, input.id);
  return listDeliveries(context.db, webhook.id, input.limit);
}
