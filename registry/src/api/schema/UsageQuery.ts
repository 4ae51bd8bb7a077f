import { assertGraphVariant } from '../../publishing/validateInput';
import { findVariant } from '../../repositories/graphRepository';
import { findLatestSupergraphVersion } from '../../repositories/supergraphVersionRepository';
import { assertCanRead } from '../../tokens/access';
import { LATENCY_BUCKETS_MS } from '../../usage/contract';
import { foldUsageInbox } from '../../usage/foldUsageInbox';
import { clientVersionUsage } from '../../usage/reports/clientVersionUsage';
import { deprecatedFieldsInUse } from '../../usage/reports/deprecatedFieldsInUse';
import { fieldDetail } from '../../usage/reports/fieldDetail';
import { fieldUsage } from '../../usage/reports/fieldUsage';
import { operationUsage } from '../../usage/reports/operationUsage';
import { parseUsageWindow } from '../../usage/reports/parseUsageWindow';
import { subgraphFetchLoad } from '../../usage/reports/subgraphFetchLoad';
import { subgraphVolume } from '../../usage/reports/subgraphVolume';
import { unusedFields } from '../../usage/reports/unusedFields';
import { usageSeries } from '../../usage/reports/usageSeries';
import type { UsageWindow } from '../../usage/reports/usageWindow';
import { builder } from '../builder';
import type { ApiContext } from '../context';
import { FieldDetailRef } from './FieldDetail';
import { SubgraphFetchLoadRef } from './SubgraphFetchTypes';
import {
  ClientUsageRef,
  createClientBreakdown,
  DeprecatedFieldUsageRef,
  FieldUsageRef,
  lazyOperationBreakdowns,
  OperationUsageRef,
  SubgraphVolumeRef,
  UsagePointRef,
} from './UsageTypes';

interface UsageArgs {
  graph: string;
  variant: string;
  since?: string | null;
  until?: string | null;
}

/**
 * Checks the token may read the graph (before anything is looked up, so nothing is revealed about other graphs),
 * parses the window, and finds the variant; undefined when the variant does not exist (an empty report).
 */
async function openUsageQuery(
  context: ApiContext,
  args: UsageArgs,
): Promise<{ variantId: string; window: UsageWindow } | undefined> {
  assertGraphVariant(args);
  assertCanRead(context.principal, args.graph);
  const window = parseUsageWindow(args);
  const variant = await findVariant(context.db, args.graph, args.variant);
  if (!variant) return undefined;
  // Every report acknowledged before this read is counted in it.
  await foldUsageInbox(context.db, { acceptedSoFar: true });
  return { variantId: variant.variantId, window };
}

/** Like `openUsageQuery`, with the served API schema the report lists elements of; undefined before any version. */
async function openSchemaUsageQuery(context: ApiContext, args: UsageArgs) {
  const query = await openUsageQuery(context, args);
  if (!query) return undefined;
  const latest = await findLatestSupergraphVersion(context.db, query.variantId);
  return latest ? { ...query, apiSchemaSdl: latest.apiSdl, supergraphSdl: latest.supergraphSdl } : undefined;
}

builder.queryFields((t) => {
  const usageArgs = {
    graph: t.arg.string({ required: true }),
    variant: t.arg.string({ required: true }),
    since: t.arg.string({
      defaultValue: '7d',
      description: 'Start of the window: a duration back from now (24h, 7d, 30d) or an ISO timestamp.',
    }),
    until: t.arg.string({
      description: 'End of the window (ISO timestamp or duration back from now); now when omitted.',
    }),
  };
  return {
    usageFields: t.field({
      type: [FieldUsageRef],
      description: 'Usage of every field, argument, input field and enum value of the served API schema.',
      args: usageArgs,
      resolve: async (_root, args, context) => {
        const query = await openSchemaUsageQuery(context, args);
        return query ? fieldUsage(context.db, query) : [];
      },
    }),
    usageField: t.field({
      type: FieldDetailRef,
      nullable: true,
      description:
        'One field, argument, input field or enum value of the served API schema with its usage in the window; null when the schema has no such coordinate.',
      args: { ...usageArgs, coordinate: t.arg.string({ required: true }) },
      resolve: async (_root, args, context) => {
        const query = await openSchemaUsageQuery(context, args);
        return (query && (await fieldDetail(context.db, { ...query, coordinate: args.coordinate }))) ?? null;
      },
    }),
    usageUnusedFields: t.field({
      type: [FieldUsageRef],
      description: 'Elements of the served API schema no request used in the window.',
      args: usageArgs,
      resolve: async (_root, args, context) => {
        const query = await openSchemaUsageQuery(context, args);
        return query ? unusedFields(context.db, query) : [];
      },
    }),
    usageDeprecatedFields: t.field({
      type: [DeprecatedFieldUsageRef],
      description: 'Deprecated elements still used in the window, most used first.',
      args: usageArgs,
      resolve: async (_root, args, context) => {
        const query = await openSchemaUsageQuery(context, args);
        return query ? deprecatedFieldsInUse(context.db, query) : [];
      },
    }),
    usageClients: t.field({
      type: [ClientUsageRef],
      description: 'Client versions that sent requests in the window, busiest first.',
      args: usageArgs,
      resolve: async (_root, args, context) => {
        const query = await openUsageQuery(context, args);
        if (!query) return [];
        const clients = await clientVersionUsage(context.db, query);
        const breakdown = createClientBreakdown(context.db, query);
        return clients.map((client) => ({ ...client, breakdown }));
      },
    }),
    usageOperations: t.field({
      type: [OperationUsageRef],
      description: 'Operations requested in the window, busiest first.',
      args: usageArgs,
      resolve: async (_root, args, context) => {
        const query = await openUsageQuery(context, args);
        if (!query) return [];
        const breakdowns = lazyOperationBreakdowns(context.db, query);
        return (await operationUsage(context.db, query)).map((usage) => ({ ...usage, breakdowns }));
      },
    }),
    usageLatencyBucketsMs: t.field({
      type: ['Int'],
      description:
        "Upper bounds (ms) of the latency histogram's buckets, the resolution of every latency percentile: a percentile is interpolated linearly inside its bucket, and requests slower than the last bound count as the last bound.",
      resolve: () => [...LATENCY_BUCKETS_MS],
    }),
    usageSubgraphs: t.field({
      type: [SubgraphVolumeRef],
      description:
        'Requests per subgraph in the window, busiest first, counted by field ownership (`@join__field`): a request counts for every subgraph its operation needs. `usageSubgraphFetches` measures the fetches the plans actually sent.',
      args: usageArgs,
      resolve: async (_root, args, context) => {
        const query = await openUsageQuery(context, args);
        return query ? subgraphVolume(context.db, query) : [];
      },
    }),
    usageSubgraphFetches: t.field({
      type: [SubgraphFetchLoadRef],
      description:
        "Per subgraph, the fetches gateways' query plans sent it in the window (measured, per fetch node executed), their errors and latency by client, the daily trend and a forecast of the next 7 days' fetches; busiest first.",
      args: usageArgs,
      resolve: async (_root, args, context) => {
        const query = await openUsageQuery(context, args);
        return query ? subgraphFetchLoad(context.db, query) : [];
      },
    }),
    usageSeries: t.field({
      type: [UsagePointRef],
      description: 'Requests and errors per UTC hour (windows up to 48 hours) or day, empty buckets included.',
      args: {
        ...usageArgs,
        coordinate: t.arg.string({ description: 'Only requests referencing this coordinate.' }),
        client: t.arg.string({ description: 'Only this client name.' }),
      },
      resolve: async (_root, args, context) => {
        const query = await openUsageQuery(context, args);
        return query ? usageSeries(context.db, { ...query, coordinate: args.coordinate, client: args.client }) : [];
      },
    }),
  };
});
