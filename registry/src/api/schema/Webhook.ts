import { AuditAction, AuditOutcome } from '../../audit/AuditAction';
import { audited } from '../../audit/audited';
import type { WebhookDeliveryAttemptRow, WebhookDeliveryRow } from '../../db/schema';
import { ErrorCode, SwitchyardError } from '../../errors';
import { assertGraphVariant } from '../../publishing/validateInput';
import type { WebhookSummary } from '../../repositories/webhookRepository';
import { assertCanManageGraph } from '../../tokens/access';
import type { AttemptResult, DeliveryContext } from '../../webhooks/deliverWebhooks';
import {
  createWebhook,
  deleteWebhook,
  listGraphWebhooks,
  listWebhookDeliveries,
  testWebhook,
} from '../../webhooks/manageWebhooks';
import { DeliveryStatus, WebhookEvent, WebhookFormat } from '../../webhooks/WebhookEvent';
import { defaultWebhookSettings } from '../../webhooks/webhookSettings';
import { builder } from '../builder';
import type { ApiContext } from '../context';

const WebhookEventEnum = builder.enumType(WebhookEvent, {
  name: 'WebhookEvent',
  description: 'What a webhook delivery tells about (TEST only from `webhook test`).',
});
const WebhookFormatEnum = builder.enumType(WebhookFormat, {
  name: 'WebhookFormat',
  description: "JSON: the registry's payload. SLACK: Slack's `{ text }` for an incoming webhook.",
});
const DeliveryStatusEnum = builder.enumType(DeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'PENDING (due or retrying), DELIVERED (a 2xx answer) or FAILED (given up).',
});

/** Most deliveries one `webhookDeliveries` call returns. */
const maxDeliveriesPerPage = 100;

function deliveryContext(context: ApiContext): DeliveryContext {
  return {
    db: context.db,
    settings: context.webhooks?.settings ?? defaultWebhookSettings,
    send: context.webhooks?.send,
  };
}

const WebhookRef = builder.objectRef<WebhookSummary>('Webhook').implement({
  description: "Where a graph's events are POSTed, signed with a secret that no answer ever shows.",
  fields: (t) => ({
    id: t.exposeID('id'),
    graph: t.exposeString('graph'),
    variant: t.exposeString('variant', { nullable: true, description: 'Null: every variant of the graph.' }),
    url: t.exposeString('url'),
    events: t.field({
      type: [WebhookEventEnum],
      resolve: (webhook) => webhook.events.filter((event): event is WebhookEvent => event in WebhookEvent),
    }),
    format: t.field({
      type: WebhookFormatEnum,
      resolve: (webhook) => (webhook.format === WebhookFormat.SLACK ? WebhookFormat.SLACK : WebhookFormat.JSON),
    }),
    createdAt: t.string({ resolve: (webhook) => webhook.createdAt.toISOString() }),
  }),
});

const AttemptRef = builder.objectRef<WebhookDeliveryAttemptRow>('WebhookDeliveryAttempt').implement({
  fields: (t) => ({
    attempt: t.exposeInt('attempt'),
    startedAt: t.string({ resolve: (attempt) => attempt.startedAt.toISOString() }),
    durationMs: t.exposeInt('durationMs'),
    statusCode: t.exposeInt('statusCode', { nullable: true }),
    error: t.exposeString('error', { nullable: true }),
  }),
});

type DeliveryView = { delivery: WebhookDeliveryRow; version: number | null; attempts: WebhookDeliveryAttemptRow[] };

function toStatus(value: string): DeliveryStatus {
  return value === DeliveryStatus.DELIVERED || value === DeliveryStatus.FAILED ? value : DeliveryStatus.PENDING;
}

const DeliveryRef = builder.objectRef<DeliveryView>('WebhookDelivery').implement({
  fields: (t) => ({
    id: t.id({ resolve: (view) => view.delivery.id }),
    event: t.field({
      type: WebhookEventEnum,
      resolve: (view) =>
        view.delivery.event in WebhookEvent ? (view.delivery.event as WebhookEvent) : WebhookEvent.TEST,
    }),
    status: t.field({ type: DeliveryStatusEnum, resolve: (view) => toStatus(view.delivery.status) }),
    version: t.int({ nullable: true, resolve: (view) => view.version }),
    attempts: t.int({ resolve: (view) => view.delivery.attempts }),
    nextAttemptAt: t.string({
      nullable: true,
      description: 'When a PENDING delivery is tried next.',
      resolve: (view) =>
        view.delivery.status === DeliveryStatus.PENDING ? view.delivery.nextAttemptAt.toISOString() : null,
    }),
    lastStatusCode: t.int({ nullable: true, resolve: (view) => view.delivery.lastStatusCode }),
    lastError: t.string({ nullable: true, resolve: (view) => view.delivery.lastError }),
    createdAt: t.string({ resolve: (view) => view.delivery.createdAt.toISOString() }),
    completedAt: t.string({ nullable: true, resolve: (view) => view.delivery.completedAt?.toISOString() ?? null }),
    attemptLog: t.field({ type: [AttemptRef], resolve: (view) => view.attempts }),
  }),
});

const TestResultRef = builder.objectRef<AttemptResult>('WebhookTestResult').implement({
  fields: (t) => ({
    deliveryId: t.exposeID('deliveryId'),
    ok: t.exposeBoolean('ok'),
    statusCode: t.exposeInt('statusCode', { nullable: true }),
    error: t.exposeString('error', { nullable: true }),
    durationMs: t.exposeInt('durationMs'),
  }),
});

const CreateWebhookInput = builder.inputType('CreateWebhookInput', {
  fields: (t) => ({
    graph: t.string({ required: true }),
    variant: t.string({ description: "Only this variant's events; every variant's when omitted." }),
    url: t.string({ required: true, description: 'Where deliveries are POSTed; the routing URL rules apply.' }),
    secret: t.string({
      required: true,
      description: 'HMAC-SHA256 key of x-switchyard-signature, 16 to 256 characters; never shown again.',
    }),
    events: t.field({ type: [WebhookEventEnum], description: 'PUBLISH, CHECK, DEPRECATION; all three when omitted.' }),
    format: t.field({ type: WebhookFormatEnum, description: 'JSON (default) or SLACK.' }),
  }),
});

builder.queryFields((t) => ({
  webhooks: t.field({
    type: [WebhookRef],
    description:
      "A graph's webhooks (of one variant and the graph-wide ones, when variant is given), never their secrets. Needs a token that may change the graph.",
    args: { graph: t.arg.string({ required: true }), variant: t.arg.string() },
    resolve: (_root, args, context) => {
      assertGraphVariant(args);
      assertCanManageGraph(context.principal, args.graph);
      return listGraphWebhooks(deliveryContext(context), args);
    },
  }),
  webhookDeliveries: t.field({
    type: [DeliveryRef],
    description: `A webhook's deliveries, newest first (at most ${maxDeliveriesPerPage}), each with its attempts.`,
    args: {
      graph: t.arg.string({ required: true }),
      id: t.arg.id({ required: true }),
      limit: t.arg.int({ defaultValue: 20 }),
    },
    resolve: (_root, args, context) => {
      assertGraphVariant(args);
      assertCanManageGraph(context.principal, args.graph);
      const limit = args.limit ?? 20;
      if (limit < 1 || limit > maxDeliveriesPerPage) {
        throw new SwitchyardError(ErrorCode.BAD_USER_INPUT, `limit must be between 1 and ${maxDeliveriesPerPage}.`);
      }
      return listWebhookDeliveries(deliveryContext(context), { graph: args.graph, id: String(args.id), limit });
    },
  }),
}));

builder.mutationFields((t) => ({
  createWebhook: t.field({
    type: WebhookRef,
    description: 'Creates a webhook (ADMIN, or a PUBLISH token for the whole graph).',
    args: { input: t.arg({ type: CreateWebhookInput, required: true }) },
    resolve: (_root, { input }, context) => {
      assertGraphVariant(input);
      return audited(
        context,
        {
          action: AuditAction.WEBHOOK_CREATE,
          graph: input.graph,
          variant: input.variant ?? null,
          details: { url: input.url, events: input.events ?? null, format: input.format ?? null },
        },
        () => {
          assertCanManageGraph(context.principal, input.graph);
          return createWebhook(deliveryContext(context), input);
        },
        (webhook) => ({
          outcome: AuditOutcome.SUCCESS,
          message: `Created webhook ${webhook.id} of ${webhook.graph}@${webhook.variant ?? '*'} for ${webhook.events.join(', ')}.`,
          details: { webhookId: webhook.id },
        }),
      );
    },
  }),
  deleteWebhook: t.field({
    type: WebhookRef,
    description: 'Deletes a webhook with its deliveries; answers what it was.',
    args: { graph: t.arg.string({ required: true }), id: t.arg.id({ required: true }) },
    resolve: (_root, args, context) => {
      assertGraphVariant(args);
      return audited(
        context,
        { action: AuditAction.WEBHOOK_DELETE, graph: args.graph, details: { webhookId: String(args.id) } },
        () => {
          assertCanManageGraph(context.principal, args.graph);
          return deleteWebhook(deliveryContext(context), { graph: args.graph, id: String(args.id) });
        },
        (webhook) => ({
          outcome: AuditOutcome.SUCCESS,
          message: `Deleted webhook ${webhook.id} (${webhook.url}).`,
        }),
      );
    },
  }),
  testWebhook: t.field({
    type: TestResultRef,
    description: 'Sends a signed TEST delivery now and answers how the receiver took it (kept, never retried).',
    args: { graph: t.arg.string({ required: true }), id: t.arg.id({ required: true }) },
    resolve: (_root, args, context) => {
      assertGraphVariant(args);
      assertCanManageGraph(context.principal, args.graph);
      return testWebhook(deliveryContext(context), { graph: args.graph, id: String(args.id) });
    },
  }),
}));
