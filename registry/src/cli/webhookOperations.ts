import { graphql, type ResultOf } from './graphql';

// The operations of `switchyard webhook …`, typed by gql.tada like registryOperations.ts.

const WebhookFields = graphql(`
  fragment WebhookFields on Webhook @_unmask { id graph variant url events format createdAt }
`);

export const WebhooksQuery = graphql(
  `
  query Webhooks($graph: String!, $variant: String) { webhooks(graph: $graph, variant: $variant) { ...WebhookFields } }
`,
  [WebhookFields],
);
export const CreateWebhookMutation = graphql(
  `
  mutation CreateWebhook($input: CreateWebhookInput!) { createWebhook(input: $input) { ...WebhookFields } }
`,
  [WebhookFields],
);
export const DeleteWebhookMutation = graphql(
  `
  mutation DeleteWebhook($graph: String!, $id: ID!) { deleteWebhook(graph: $graph, id: $id) { ...WebhookFields } }
`,
  [WebhookFields],
);
export const TestWebhookMutation = graphql(`
  mutation TestWebhook($graph: String!, $id: ID!) {
    testWebhook(graph: $graph, id: $id) { deliveryId ok statusCode error durationMs }
  }
`);
export const WebhookDeliveriesQuery = graphql(`
  query WebhookDeliveries($graph: String!, $id: ID!, $limit: Int) {
    webhookDeliveries(graph: $graph, id: $id, limit: $limit) {
      id event status version attempts nextAttemptAt lastStatusCode lastError createdAt completedAt
      attemptLog { attempt startedAt durationMs statusCode error }
    }
  }
`);

/** A webhook as listed: never its secret. */
export type Webhook = ResultOf<typeof WebhookFields>;
/** One delivery of a webhook with its attempts. */
export type WebhookDelivery = ResultOf<typeof WebhookDeliveriesQuery>['webhookDeliveries'][number];
/** How an event is subscribed to. */
export type WebhookEventName = Webhook['events'][number];
