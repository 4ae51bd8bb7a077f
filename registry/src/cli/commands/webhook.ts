import { CliError, CliErrorCode } from '../CliError';
import { type CommandContext, type CommandGroup, ExitCode } from '../Command';
import { renderMarkdownTable, renderTable } from '../format/renderTable';
import { OutputFormat } from '../OutputFormat';
import { assertCliName, integerOption, requireOption, stringOption } from '../parseCommandArgs';
import type { Webhook, WebhookEventName } from '../webhookOperations';

const EVENTS: readonly WebhookEventName[] = ['PUBLISH', 'CHECK', 'DEPRECATION'];

/** `--events publish,check`: known events, each once, upper-cased. */
function parseEvents(value: string | undefined): WebhookEventName[] | undefined {
  if (value === undefined) return undefined;
  const events = [...new Set(value.split(',').map((event) => event.trim().toUpperCase()))].filter(Boolean);
  const unknown = events.find((event) => !EVENTS.some((known) => known === event));
  if (unknown !== undefined || events.length === 0) {
    throw new CliError(
      CliErrorCode.USAGE,
      `--events takes a comma-separated list of ${EVENTS.map((event) => event.toLowerCase()).join(', ')}${unknown === undefined ? '' : `, not "${unknown.toLowerCase()}"`}.`,
    );
  }
  return EVENTS.filter((event) => events.includes(event));
}

function graphOf({ common }: CommandContext): string {
  if (common.graph === undefined)
    throw new CliError(CliErrorCode.USAGE, 'Missing --graph <name> (or SWITCHYARD_GRAPH).');
  return assertCliName('graph', common.graph);
}

/** `--variant` only when given on the command line or in SWITCHYARD_VARIANT; a webhook defaults to every variant. */
function variantOf({ values, io }: CommandContext): string | undefined {
  const variant = stringOption(values, 'variant') ?? (io.env.SWITCHYARD_VARIANT || undefined);
  return variant === undefined ? undefined : assertCliName('variant', variant);
}

function describeWebhook(webhook: Webhook): string {
  return `${webhook.id} → ${webhook.url} (${webhook.graph}@${webhook.variant ?? '*'}, ${webhook.events.join(', ').toLowerCase()}, ${webhook.format.toLowerCase()})`;
}

/** `switchyard webhook create|list|delete|test|deliveries`: notifications of publishes, checks and deprecations. */
export const webhookCommands: CommandGroup = {
  summary: "Tell other systems about a graph's publishes, checks and deprecations (signed HTTP POSTs)",
  commands: {
    create: {
      summary: 'Create a webhook; deliveries are signed with --secret (x-switchyard-signature)',
      usage: '--url <url> --secret <secret> [--variant <v>] [--events publish,check,deprecation] [--slack]',
      options: {
        url: { type: 'string' },
        secret: { type: 'string' },
        events: { type: 'string' },
        slack: { type: 'boolean' },
      },
      async run(context) {
        const { values, common, io, api } = context;
        const variant = variantOf(context);
        const events = parseEvents(stringOption(values, 'events'));
        const webhook = await api().createWebhook({
          graph: graphOf(context),
          ...(variant === undefined ? {} : { variant }),
          url: requireOption(values, 'url', 'url'),
          secret: requireOption(values, 'secret', 'secret'),
          ...(events === undefined ? {} : { events }),
          ...(values.slack === true ? { format: 'SLACK' as const } : {}),
        });
        io.stdout(
          common.format === OutputFormat.JSON
            ? JSON.stringify(webhook, null, 2)
            : `Created webhook ${describeWebhook(webhook)}.`,
        );
        return ExitCode.OK;
      },
    },
    list: {
      summary: "List a graph's webhooks (never their secrets)",
      usage: '[--variant <v>]',
      options: {},
      async run(context) {
        const { common, io, api } = context;
        const variant = variantOf(context);
        const webhooks = await api().webhooks({
          graph: graphOf(context),
          ...(variant === undefined ? {} : { variant }),
        });
        if (common.format === OutputFormat.JSON) {
          io.stdout(JSON.stringify(webhooks, null, 2));
          return ExitCode.OK;
        }
        if (webhooks.length === 0) {
          io.stdout('No webhooks.');
          return ExitCode.OK;
        }
        const headers = ['Id', 'Variant', 'Events', 'Format', 'URL', 'Created'];
        const rows = webhooks.map((webhook) => [
          webhook.id,
          webhook.variant ?? '*',
          webhook.events.join(',').toLowerCase(),
          webhook.format.toLowerCase(),
          webhook.url,
          webhook.createdAt,
        ]);
        io.stdout(
          common.format === OutputFormat.MARKDOWN ? renderMarkdownTable(headers, rows) : renderTable(headers, rows),
        );
        return ExitCode.OK;
      },
    },
    delete: {
      summary: 'Delete a webhook and its deliveries',
      usage: '--id <webhook id>',
      options: { id: { type: 'string' } },
      async run(context) {
        const webhook = await context.api().deleteWebhook({
          graph: graphOf(context),
          id: requireOption(context.values, 'id', 'webhook id'),
        });
        context.io.stdout(
          context.common.format === OutputFormat.JSON
            ? JSON.stringify(webhook, null, 2)
            : `Deleted webhook ${describeWebhook(webhook)}.`,
        );
        return ExitCode.OK;
      },
    },
    test: {
      summary: 'Send a signed TEST delivery now; exits 1 when the receiver does not answer 2xx',
      usage: '--id <webhook id>',
      options: { id: { type: 'string' } },
      async run(context) {
        const id = requireOption(context.values, 'id', 'webhook id');
        const result = await context.api().testWebhook({ graph: graphOf(context), id });
        if (context.common.format === OutputFormat.JSON) context.io.stdout(JSON.stringify(result, null, 2));
        else if (result.ok)
          context.io.stdout(`Delivered a test to webhook ${id}: ${result.statusCode} in ${result.durationMs} ms.`);
        else
          context.io.stdout(
            `The test delivery to webhook ${id} failed: ${result.error} (after ${result.durationMs} ms).`,
          );
        return result.ok ? ExitCode.OK : ExitCode.CHECK_FAILED;
      },
    },
    deliveries: {
      summary: "List a webhook's deliveries, newest first, with their attempts",
      usage: '--id <webhook id> [--limit 20]',
      options: { id: { type: 'string' }, limit: { type: 'string' } },
      async run(context) {
        const limit = integerOption(context.values, 'limit');
        const deliveries = await context.api().webhookDeliveries({
          graph: graphOf(context),
          id: requireOption(context.values, 'id', 'webhook id'),
          ...(limit === undefined ? {} : { limit }),
        });
        if (context.common.format === OutputFormat.JSON) {
          context.io.stdout(JSON.stringify(deliveries, null, 2));
          return ExitCode.OK;
        }
        if (deliveries.length === 0) {
          context.io.stdout('No deliveries yet.');
          return ExitCode.OK;
        }
        const headers = [
          'Created',
          'Event',
          'Version',
          'Status',
          'Attempts (answer, time)',
          'Last result',
          'Next attempt',
        ];
        const rows = deliveries.map((delivery) => [
          delivery.createdAt,
          delivery.event.toLowerCase(),
          delivery.version === null ? '-' : String(delivery.version),
          delivery.status.toLowerCase(),
          delivery.attemptLog
            .map((attempt) => `${attempt.attempt}: ${attempt.statusCode ?? 'no answer'} ${attempt.durationMs}ms`)
            .join('; ') || '-',
          delivery.lastError ?? (delivery.lastStatusCode === null ? '-' : String(delivery.lastStatusCode)),
          delivery.nextAttemptAt ?? '-',
        ]);
        context.io.stdout(
          context.common.format === OutputFormat.MARKDOWN
            ? renderMarkdownTable(headers, rows)
            : renderTable(headers, rows),
        );
        return ExitCode.OK;
      },
    },
  },
};
