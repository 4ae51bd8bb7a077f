import type { UrlSubject } from '../input/routingUrlPolicy';

/** Webhook URLs follow the routing URL rules, under their own names. */
export const webhookUrlSubject: UrlSubject = {
  noun: 'webhook URL',
  credentialsAdvice: 'put a secret in the path or rely on the signature instead',
  settings: { maxLength: 'ROUTING_URL_MAX_LENGTH', allowedHosts: 'WEBHOOK_ALLOWED_HOSTS' },
};
