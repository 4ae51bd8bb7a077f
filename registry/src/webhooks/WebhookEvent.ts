/** What a webhook can be told about. */
export const WebhookEvent = {
  /** A new supergraph version of the variant (publish, subgraph delete, rollback). */
  PUBLISH: 'PUBLISH',
  /** A schema check ran against the variant. */
  CHECK: 'CHECK',
  /** A new version deprecates something (or changes a deprecation reason): consumers should migrate. */
  DEPRECATION: 'DEPRECATION',
  /** `switchyard webhook test`: never subscribed to, sent on request. */
  TEST: 'TEST',
} as const;
export type WebhookEvent = (typeof WebhookEvent)[keyof typeof WebhookEvent];

/** The events a webhook may subscribe to (all of them by default). */
export const subscribableEvents = [WebhookEvent.PUBLISH, WebhookEvent.CHECK, WebhookEvent.DEPRECATION] as const;
export type SubscribableEvent = (typeof subscribableEvents)[number];

/** How a delivery's body is shaped. */
export const WebhookFormat = {
  /** The registry's JSON payload. */
  JSON: 'JSON',
  /** The same payload with Slack's `text` (mrkdwn) added, for a Slack incoming webhook. */
  SLACK: 'SLACK',
} as const;
export type WebhookFormat = (typeof WebhookFormat)[keyof typeof WebhookFormat];

/** Where a delivery stands. */
export const DeliveryStatus = {
  PENDING: 'PENDING',
  DELIVERED: 'DELIVERED',
  /** Every attempt failed until the retry horizon passed; not tried again. */
  FAILED: 'FAILED',
} as const;
export type DeliveryStatus = (typeof DeliveryStatus)[keyof typeof DeliveryStatus];

export function isSubscribableEvent(value: string): value is SubscribableEvent {
  return subscribableEvents.some((event) => event === value);
}

export function isWebhookFormat(value: string): value is WebhookFormat {
  return value === WebhookFormat.JSON || value === WebhookFormat.SLACK;
}

/** A change that deprecates something or changes why (not one that removes a deprecation). */
export function isDeprecationChange(change: { type: string }): boolean {
  return change.type.includes('DEPRECATION') && !change.type.endsWith('_REMOVED');
}
