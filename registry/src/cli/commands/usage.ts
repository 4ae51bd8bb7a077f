import { type Command, type CommandContext, type CommandGroup, ExitCode } from '../Command';
import { type ReportView, renderReport } from '../format/renderReport';
import { OutputFormat } from '../OutputFormat';
import { type OptionsConfig, stringOption } from '../parseCommandArgs';
import type { FieldUsage, UsageRange } from '../registryApi';
import { slaReportView } from './slaReport';

const RANGE_OPTIONS: OptionsConfig = { since: { type: 'string' }, until: { type: 'string' } };
const RANGE_USAGE = '[--since 7d|<ISO time>] [--until <ISO time>]';
const FORMATS = [OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.CSV, OutputFormat.MARKDOWN] as const;

/** A usage report command: fetch rows for the range, print them in the requested format. */
function reportCommand(
  summary: string,
  build: (context: CommandContext, range: UsageRange) => Promise<ReportView>,
): Command {
  return {
    summary,
    usage: RANGE_USAGE,
    options: RANGE_OPTIONS,
    formats: FORMATS,
    async run(context) {
      const since = stringOption(context.values, 'since');
      const until = stringOption(context.values, 'until');
      const range: UsageRange = {
        ...(since === undefined ? {} : { since }),
        ...(until === undefined ? {} : { until }),
      };
      context.io.stdout(renderReport(await build(context, range), context.common.format));
      return ExitCode.OK;
    },
  };
}

const dash = (value: string | null | undefined) => (value == null || value === '' ? '—' : value);
/** A `Count` as the API serializes it: a JSON number, or decimal digits past 2^53 - 1. */
type Count = number | string;
const count = (value: Count) => String(value);
/** Busiest first, exact past 2^53 - 1. */
const byCountDescending = (a: Count, b: Count) => {
  const [left, right] = [BigInt(a), BigInt(b)];
  return left === right ? 0 : left > right ? -1 : 1;
};
const ms = (value: number | null) => (value === null ? '—' : String(value));

/** `3 (1.2 %)`: failed requests and their share. */
function errorsText(requests: Count, errors: Count): string {
  if (Number(errors) === 0) return '0';
  return `${count(errors)} (${((Number(errors) / Number(requests)) * 100).toFixed(1)} %)`;
}

/** What the latency columns are computed from. */
export function latencyNote(buckets: readonly number[]): string {
  return `Latency percentiles come from histograms with buckets up to ${buckets.join(', ')} ms, interpolated linearly inside a bucket; requests slower than ${buckets.at(-1)} ms count as ${buckets.at(-1)} ms.`;
}

/** `UP +12.5%`, `NEW`, `FLAT 0%`: a trend in one cell. */
function trendText(trend: FieldUsage['trend']): string {
  if (trend.changePercent === null) return trend.direction;
  const sign = trend.changePercent > 0 ? '+' : '';
  return `${trend.direction} ${sign}${trend.changePercent}%`;
}

/** `switchyard usage fields|unused|deprecated|clients|operations|sla`. */
export const usageCommands: CommandGroup = {
  summary: 'Show how clients use the graph: fields, clients, operations, SLA breaches, unused and deprecated fields',
  commands: {
    fields: reportCommand(
      'Requests, operations and clients per field of the served schema, busiest first',
      async ({ api, variant }, range) => {
        const fields = await api().usageFields({ ...variant(), ...range });
        const sorted = [...fields].sort(
          (a, b) => byCountDescending(a.requests, b.requests) || a.coordinate.localeCompare(b.coordinate),
        );
        return {
          headers: ['Coordinate', 'Kind', 'Requests', 'Operations', 'Clients', 'Trend', 'Last seen', 'Deprecated'],
          rows: sorted.map((field) => [
            field.coordinate,
            field.kind,
            count(field.requests),
            count(field.operations),
            count(field.clients),
            trendText(field.trend),
            dash(field.lastSeen),
            field.deprecated ? 'yes' : 'no',
          ]),
          raw: sorted,
          empty: 'No supergraph served yet.',
        };
      },
    ),
    unused: reportCommand(
      'Fields of the served schema no request used in the window',
      async ({ api, variant }, range) => {
        const fields = await api().usageUnusedFields({ ...variant(), ...range });
        return {
          headers: ['Coordinate', 'Kind', 'Last seen', 'Deprecated'],
          rows: fields.map((field) => [
            field.coordinate,
            field.kind,
            dash(field.lastSeen),
            field.deprecated ? 'yes' : 'no',
          ]),
          raw: fields,
          empty: 'Every field was used in this window.',
        };
      },
    ),
    deprecated: reportCommand(
      'Deprecated fields still in use, by whom, and when usage should reach zero',
      async ({ api, variant }, range) => {
        const fields = await api().usageDeprecatedFields({ ...variant(), ...range });
        return {
          headers: ['Coordinate', 'Requests', 'Clients', 'Last seen', 'Zero by', 'Reason'],
          rows: fields.map((field) => [
            field.coordinate,
            count(field.requests),
            field.clients.map((client) => `${client.name} ${client.version} (${client.requests})`).join(', '),
            dash(field.lastSeen),
            // A missing date says why: too few days of usage to fit a line, or usage that is not falling.
            field.forecastZeroDate ?? (field.forecastStatus === 'NOT_DECLINING' ? 'not declining' : 'not enough data'),
            dash(field.deprecationReason),
          ]),
          raw: fields,
          empty: 'No deprecated field was used in this window.',
        };
      },
    ),
    clients: reportCommand(
      'Requests, errors, operations and fields per client version, busiest first',
      async ({ api, variant }, range) => {
        const clients = await api().usageClients({ ...variant(), ...range });
        return {
          headers: ['Client', 'Version', 'Requests', 'Errors', 'Operations', 'Fields'],
          rows: clients.map((client) => [
            client.name,
            client.version,
            count(client.requests),
            count(client.errors),
            count(client.operations.length),
            count(client.fields.length),
          ]),
          raw: clients,
          empty: 'No requests in this window.',
        };
      },
    ),
    operations: reportCommand(
      'Requests, errors by code, latency p50/p95/p99, clients and first/last seen per operation, busiest first',
      async ({ api, variant }, range) => {
        const { usageOperations: operations, usageLatencyBucketsMs: buckets } = await api().usageOperations({
          ...variant(),
          ...range,
        });
        return {
          headers: [
            'Operation',
            'Type',
            'Requests',
            'Errors',
            'Error codes',
            'p50 ms',
            'p95 ms',
            'p99 ms',
            'Clients',
            'First seen',
            'Last seen',
            'Signature',
          ],
          rows: operations.map((operation) => [
            operation.name ?? '(anonymous)',
            operation.type,
            count(operation.requests),
            errorsText(operation.requests, operation.errors),
            operation.errorsByCode.map((code) => `${code.code} ${count(code.count)}`).join(', ') || '—',
            ms(operation.p50Ms),
            ms(operation.p95Ms),
            ms(operation.p99Ms),
            operation.clients.map((client) => `${client.name} ${client.version}`.trim()).join(', '),
            dash(operation.firstSeen),
            dash(operation.lastSeen),
            operation.signature.slice(0, 12),
          ]),
          raw: operations,
          empty: 'No requests in this window.',
          note: latencyNote(buckets),
        };
      },
    ),
    subgraphs: reportCommand(
      "Fetches the gateways' query plans sent to each subgraph, by client, with latency, the daily trend and next week's forecast",
      async ({ api, variant }, range) => {
        const { usageSubgraphFetches: loads, usageLatencyBucketsMs: buckets } = await api().usageSubgraphFetches({
          ...variant(),
          ...range,
        });
        const forecastText = (forecast: (typeof loads)[number]['forecast']) =>
          forecast.status !== 'OK' || forecast.nextWeek === null
            ? 'not enough data'
            : `${Math.round(forecast.nextWeek)} (${forecast.slopePerDay !== null && forecast.slopePerDay >= 0 ? '+' : ''}${forecast.slopePerDay}/day${forecast.backtestError === null ? '' : `, error ${(forecast.backtestError * 100).toFixed(1)} %`})`;
        return {
          headers: [
            'Subgraph',
            'Client',
            'Fetches',
            'Errors',
            'p50 ms',
            'p95 ms',
            'p99 ms',
            'Trend (daily)',
            'Next 7 days',
          ],
          rows: loads.flatMap((load) => [
            [
              load.subgraph,
              '(all)',
              count(load.fetches),
              errorsText(load.fetches, load.errors),
              ms(load.p50Ms),
              ms(load.p95Ms),
              ms(load.p99Ms),
              load.daily.map((point) => count(point.fetches)).join(' '),
              forecastText(load.forecast),
            ],
            ...load.clients.map((client) => [
              load.subgraph,
              client.client,
              count(client.fetches),
              errorsText(client.fetches, client.errors),
              ms(client.p50Ms),
              ms(client.p95Ms),
              ms(client.p99Ms),
              '',
              '',
            ]),
          ]),
          raw: loads,
          empty: 'No subgraph fetches in this window (gateways older than fetch counting report none).',
          note: `${latencyNote(buckets)} Forecast: ${loads[0]?.forecast.method ?? ''}`,
        };
      },
    ),
    sla: reportCommand(
      'Each SLA target missed in the window: client, operation, metric, hours in breach and the measured value',
      async ({ api, variant }, range) => slaReportView(await api().usageSla({ ...variant(), ...range })),
    ),
  },
};
