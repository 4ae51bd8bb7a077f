import type { Executor } from '../../db/openDatabase';
import { clientFieldsByClient } from '../../usage/reports/clientVersionUsage';
import type { DeprecatedFieldInUse } from '../../usage/reports/deprecatedFieldsInUse';
import type { FieldUsage } from '../../usage/reports/fieldUsage';
import { type OperationBreakdown, operationBreakdowns } from '../../usage/reports/operationBreakdown';
import { clientKey, type OperationUsage, operationUsageByClient } from '../../usage/reports/operationUsage';
import type { SubgraphVolume } from '../../usage/reports/subgraphVolume';
import { ForecastStatus, type Trend } from '../../usage/reports/trend';
import type { UsagePoint } from '../../usage/reports/usageSeries';
import type { UsageWindow } from '../../usage/reports/usageWindow';
import { builder } from '../builder';
import { ForecastStatusEnum } from './enums';

export const UsageTrendRef = builder.objectRef<Trend>('UsageTrend').implement({
  description: 'Requests in the window against the window of the same length just before it.',
  fields: (t) => ({
    direction: t.exposeString('direction', { description: 'NEW, UP, DOWN, FLAT (within ±5 %), GONE or NONE.' }),
    current: t.expose('current', { type: 'Count' }),
    previous: t.expose('previous', { type: 'Count' }),
    changePercent: t.float({
      nullable: true,
      description: 'Change in percent; null when the previous window had no requests.',
      resolve: (trend) => (trend.change === null ? null : Math.round(trend.change * 10_000) / 100),
    }),
  }),
});

export const FieldUsageRef = builder.objectRef<FieldUsage>('FieldUsage').implement({
  description: 'Usage of one field, argument, input field or enum value of the served API schema.',
  fields: (t) => ({
    coordinate: t.exposeString('coordinate', {
      description: '`Type.field`, `Type.field(arg:)`, `Input.field` or `Enum.VALUE`.',
    }),
    kind: t.exposeString('kind', { description: 'FIELD, ARGUMENT, INPUT_FIELD or ENUM_VALUE.' }),
    deprecated: t.boolean({ resolve: (field) => field.deprecationReason !== null }),
    deprecationReason: t.exposeString('deprecationReason', { nullable: true }),
    requests: t.expose('requests', { type: 'Count', description: 'Requests in the window that referenced it.' }),
    operations: t.exposeInt('operations', { description: 'Distinct operations referencing it seen in the window.' }),
    clients: t.exposeInt('clients', { description: 'Distinct client names that used it in the window.' }),
    firstSeen: t.exposeString('firstSeen', { nullable: true }),
    lastSeen: t.exposeString('lastSeen', { nullable: true }),
    trend: t.field({ type: UsageTrendRef, resolve: (field) => field.trend }),
  }),
});

type ClientVersionUse = DeprecatedFieldInUse['clients'][number];

export const ClientVersionUsageRef = builder.objectRef<ClientVersionUse>('ClientVersionUsage').implement({
  description: 'Requests of one client version.',
  fields: (t) => ({
    name: t.exposeString('name'),
    version: t.exposeString('version'),
    requests: t.expose('requests', { type: 'Count' }),
    lastSeen: t.exposeString('lastSeen', { nullable: true }),
  }),
});

export const DeprecatedFieldUsageRef = builder.objectRef<DeprecatedFieldInUse>('DeprecatedFieldUsage').implement({
  description: 'A deprecated element still used in the window, by whom, and when its usage should reach zero.',
  fields: (t) => ({
    coordinate: t.exposeString('coordinate'),
    deprecationReason: t.string({ nullable: true, resolve: (field) => field.deprecationReason || null }),
    requests: t.expose('requests', { type: 'Count' }),
    lastSeen: t.exposeString('lastSeen', { nullable: true }),
    clients: t.field({ type: [ClientVersionUsageRef], resolve: (field) => field.clients }),
    forecastZeroDate: t.string({
      nullable: true,
      description: 'UTC day (YYYY-MM-DD) a least-squares fit of daily usage reaches zero; null when not declining.',
      resolve: (field) => field.forecast?.zeroDate ?? null,
    }),
    forecastStatus: t.field({
      type: ForecastStatusEnum,
      description: 'Whether the forecast has a zero date, sees no decline, or has fewer than 2 days to fit.',
      resolve: (field) => field.forecast?.status ?? ForecastStatus.NOT_ENOUGH_DATA,
    }),
  }),
});

/** An operation's usage with the shared, lazy lookup of every operation's clients and error codes in the window. */
export interface OperationUsageSource extends OperationUsage {
  breakdowns(): Promise<Map<string, OperationBreakdown>>;
}

/** The lazy lookup behind `OperationUsage.clients` and `errorsByCode`: one pair of queries for every operation. */
export function lazyOperationBreakdowns(
  db: Executor,
  input: { variantId: string; window: UsageWindow },
): () => Promise<Map<string, OperationBreakdown>> {
  let loaded: Promise<Map<string, OperationBreakdown>> | undefined;
  return () => {
    loaded ??= operationBreakdowns(db, input);
    return loaded;
  };
}

export const OperationClientUsageRef = builder
  .objectRef<OperationBreakdown['clients'][number]>('OperationClientUsage')
  .implement({
    description: "One client version's requests of an operation.",
    fields: (t) => ({
      name: t.exposeString('name'),
      version: t.exposeString('version'),
      requests: t.expose('requests', { type: 'Count' }),
      errors: t.expose('errors', { type: 'Count' }),
    }),
  });

export const ErrorCodeCountRef = builder
  .objectRef<OperationBreakdown['errorsByCode'][number]>('ErrorCodeCount')
  .implement({
    description: 'Failed requests with one error code (`extensions.code`).',
    fields: (t) => ({
      code: t.exposeString('code'),
      count: t.expose('count', { type: 'Count' }),
    }),
  });

export const OperationUsageRef = builder.objectRef<OperationUsageSource>('OperationUsage').implement({
  description: 'What one operation (by signature) did in the window.',
  fields: (t) => ({
    signature: t.exposeString('signature', { description: 'sha256 hex of the normalized document.' }),
    name: t.exposeString('name', { nullable: true, description: 'Null for anonymous operations.' }),
    type: t.exposeString('type', { description: 'query, mutation or subscription.' }),
    requests: t.expose('requests', { type: 'Count' }),
    errors: t.expose('errors', { type: 'Count', description: 'Requests whose response carried errors.' }),
    p50Ms: t.exposeFloat('p50Ms', {
      nullable: true,
      description: 'Median latency, interpolated in the histogram buckets.',
    }),
    p95Ms: t.exposeFloat('p95Ms', { nullable: true }),
    p99Ms: t.exposeFloat('p99Ms', { nullable: true }),
    latencyHistogram: t.field({
      type: ['Count'],
      description:
        'Requests per latency bucket; the bounds are `usageLatencyBucketsMs`, and the last slot counts requests slower than the last bound.',
      resolve: (operation) => operation.latencyHistogram,
    }),
    clients: t.field({
      type: [OperationClientUsageRef],
      description: 'The client versions that sent it in the window, busiest first.',
      resolve: async (operation) => (await operation.breakdowns()).get(operation.signature)?.clients ?? [],
    }),
    errorsByCode: t.field({
      type: [ErrorCodeCountRef],
      description:
        'Failed requests per error code, busiest first; a request with several codes counts under each. Counted per UTC hour (a window starting inside an hour counts its codes whole); errors from gateways that did not report codes have none.',
      resolve: async (operation) => (await operation.breakdowns()).get(operation.signature)?.errorsByCode ?? [],
    }),
    unknownDocuments: t.field({
      type: 'Count',
      description:
        'Requests whose document no persisted document manifest held, as gateways with PERSISTED_DOCUMENTS=log count them (0 where none does). Counted per UTC hour, like errorsByCode.',
      resolve: async (operation) => (await operation.breakdowns()).get(operation.signature)?.unknownDocuments ?? 0,
    }),
    firstSeen: t.exposeString('firstSeen', { nullable: true }),
    lastSeen: t.exposeString('lastSeen', { nullable: true }),
    document: t.exposeString('document', {
      nullable: true,
      description: 'The normalized document (literals replaced).',
    }),
  }),
});

/**
 * The operations and fields of every client version of one `usageClients` answer, each looked up once for all
 * clients (two or three queries however many clients), and only when a nested field asks for it.
 */
export interface ClientBreakdown {
  operations(): Promise<Map<string, OperationUsageSource[]>>;
  fields(): Promise<Map<string, string[]>>;
}

/** Creates the lazy, shared lookups behind `ClientUsage.operations` and `ClientUsage.fields`. */
export function createClientBreakdown(
  db: Executor,
  input: { variantId: string; window: UsageWindow },
): ClientBreakdown {
  let operations: Promise<Map<string, OperationUsageSource[]>> | undefined;
  let fields: Promise<Map<string, string[]>> | undefined;
  const breakdowns = lazyOperationBreakdowns(db, input);
  return {
    operations: () => {
      operations ??= operationUsageByClient(db, input).then(
        (byClient) =>
          new Map([...byClient].map(([key, list]) => [key, list.map((usage) => ({ ...usage, breakdowns }))])),
      );
      return operations;
    },
    fields: () => {
      fields ??= clientFieldsByClient(db, input);
      return fields;
    },
  };
}

/** One client version's totals, with the shared lookups of its operations and fields. */
export interface ClientUsageSource {
  name: string;
  version: string;
  requests: number;
  errors: number;
  breakdown: ClientBreakdown;
}

export const ClientUsageRef = builder.objectRef<ClientUsageSource>('ClientUsage').implement({
  description: 'What one client version (name + version) did in the window.',
  fields: (t) => ({
    name: t.exposeString('name'),
    version: t.exposeString('version'),
    requests: t.expose('requests', { type: 'Count' }),
    errors: t.expose('errors', { type: 'Count' }),
    operations: t.field({
      type: [OperationUsageRef],
      description: 'The operations it sent, busiest first.',
      resolve: async (client) => (await client.breakdown.operations()).get(clientKey(client)) ?? [],
    }),
    fields: t.stringList({
      description: 'The schema coordinates its requests referenced, sorted.',
      resolve: async (client) => (await client.breakdown.fields()).get(clientKey(client)) ?? [],
    }),
  }),
});

type SubgraphClientVolume = SubgraphVolume['clients'][number];

export const SubgraphClientVolumeRef = builder.objectRef<SubgraphClientVolume>('SubgraphClientVolume').implement({
  fields: (t) => ({
    client: t.string({ resolve: (volume) => volume.name }),
    version: t.exposeString('version'),
    requests: t.expose('requests', { type: 'Count' }),
  }),
});

export const SubgraphVolumeRef = builder.objectRef<SubgraphVolume>('SubgraphVolume').implement({
  description: 'Requests a subgraph served in the window (a request counts for every subgraph its operation needs).',
  fields: (t) => ({
    subgraph: t.exposeString('subgraph'),
    requests: t.expose('requests', { type: 'Count' }),
    clients: t.field({ type: [SubgraphClientVolumeRef], resolve: (volume) => volume.clients }),
  }),
});

export const UsagePointRef = builder.objectRef<UsagePoint>('UsagePoint').implement({
  description: 'One point of a usage series: the UTC hour or day it starts at, and its counts.',
  fields: (t) => ({
    time: t.exposeString('time'),
    requests: t.expose('requests', { type: 'Count' }),
    errors: t.expose('errors', { type: 'Count' }),
  }),
});
