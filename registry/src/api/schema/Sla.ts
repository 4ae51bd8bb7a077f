import { AuditAction, AuditOutcome } from '../../audit/AuditAction';
import { audited } from '../../audit/audited';
import { assertGraphVariant } from '../../publishing/validateInput';
import { findVariant } from '../../repositories/graphRepository';
import { removeSlaTarget, setSlaTarget, slaTargetsOf } from '../../sla/manageSlaTargets';
import { assertCanManageGraph, assertCanRead } from '../../tokens/access';
import { foldUsageInbox } from '../../usage/foldUsageInbox';
import { parseUsageWindow } from '../../usage/reports/parseUsageWindow';
import {
  type SlaBreach,
  type SlaBreachPeriod,
  SlaMetric,
  type SlaStatus,
  type SlaTarget,
  slaReport,
} from '../../usage/reports/slaReport';
import { builder } from '../builder';

const SlaMetricEnum = builder.enumType(SlaMetric, {
  name: 'SlaMetric',
  description: 'LATENCY: the target percentile in ms; ERROR_RATE: failed requests over requests, a fraction.',
});

export const SlaTargetRef = builder.objectRef<SlaTarget>('SlaTarget').implement({
  description: 'A service-level target of a variant, for every request or one client’s or one operation’s.',
  fields: (t) => ({
    client: t.exposeString('client', { nullable: true, description: 'Client name; null for every client, summed.' }),
    operation: t.exposeString('operation', {
      nullable: true,
      description: 'Operation name; null for every operation, summed.',
    }),
    latencyPercentile: t.exposeInt('latencyPercentile', { description: '95 or 99.' }),
    latencyMs: t.exposeFloat('latencyMs', {
      nullable: true,
      description: 'Most ms the percentile may take in any hour; null for no latency target.',
    }),
    errorRate: t.exposeFloat('errorRate', {
      nullable: true,
      description: 'Largest fraction (0–1) of an hour’s requests that may fail; null for no error-rate target.',
    }),
    updatedAt: t.exposeString('updatedAt'),
    updatedBy: t.exposeString('updatedBy', { description: 'Name of the token that set it.' }),
  }),
});

const SlaBreachPeriodRef = builder.objectRef<SlaBreachPeriod>('SlaBreachPeriod').implement({
  description: 'An hour (or a day, for usage older than 48 hours, rolled into days) in which a target was missed.',
  fields: (t) => ({
    start: t.exposeString('start'),
    hours: t.exposeInt('hours', { description: '1, or 24 for a day.' }),
    requests: t.expose('requests', { type: 'Count' }),
    measured: t.exposeFloat('measured', { description: 'The percentile in ms, or the error rate as a fraction.' }),
  }),
});

const SlaBreachRef = builder.objectRef<SlaBreach>('SlaBreach').implement({
  fields: (t) => ({
    metric: t.field({ type: SlaMetricEnum, resolve: (breach) => breach.metric }),
    threshold: t.exposeFloat('threshold'),
    hoursInBreach: t.exposeInt('hoursInBreach'),
    worst: t.exposeFloat('worst', { description: 'The worst measured value over the periods in breach.' }),
    periods: t.field({ type: [SlaBreachPeriodRef], resolve: (breach) => breach.periods }),
  }),
});

const SlaStatusRef = builder.objectRef<SlaStatus>('SlaStatus').implement({
  description: 'How a target fared in the window, judged hour by hour (day by day past 48 hours).',
  fields: (t) => ({
    target: t.field({ type: SlaTargetRef, resolve: (status) => status.target }),
    requests: t.expose('requests', { type: 'Count', description: 'Requests the target covers in the window.' }),
    hoursJudged: t.exposeInt('hoursJudged', { description: 'Hours with requests (a rolled-up day counts 24).' }),
    breached: t.boolean({ resolve: (status) => status.breaches.length > 0 }),
    breaches: t.field({ type: [SlaBreachRef], resolve: (status) => status.breaches }),
  }),
});

const SetSlaTargetInput = builder.inputType('SetSlaTargetInput', {
  fields: (t) => ({
    graph: t.string({ required: true }),
    variant: t.string({ required: true }),
    client: t.string({ description: 'Only this client name; every client when omitted.' }),
    operation: t.string({ description: 'Only operations of this name; every operation when omitted.' }),
    latencyPercentile: t.int({ description: '95 (default) or 99.' }),
    latencyMs: t.float({ description: 'Most ms the percentile may take in an hour (at most 10,000).' }),
    errorRate: t.float({ description: 'Largest fraction of an hour’s requests that may fail, 0–1.' }),
  }),
});

builder.queryFields((t) => ({
  slaTargets: t.field({
    type: [SlaTargetRef],
    description: 'The service-level targets of a variant.',
    args: { graph: t.arg.string({ required: true }), variant: t.arg.string({ required: true }) },
    resolve: (_root, args, context) => {
      assertGraphVariant(args);
      assertCanRead(context.principal, args.graph);
      return slaTargetsOf(context.db, args.graph, args.variant);
    },
  }),
  usageSla: t.field({
    type: [SlaStatusRef],
    description:
      'Every target of the variant judged over the window, each hour with requests on its own (each day for usage older than 48 hours): targets in breach first, most hours in breach first.',
    args: {
      graph: t.arg.string({ required: true }),
      variant: t.arg.string({ required: true }),
      since: t.arg.string({ defaultValue: '7d', description: 'A duration back from now (24h, 7d) or an ISO time.' }),
      until: t.arg.string({ description: 'End of the window; now when omitted.' }),
    },
    resolve: async (_root, args, context) => {
      assertGraphVariant(args);
      assertCanRead(context.principal, args.graph);
      const window = parseUsageWindow(args);
      const variant = await findVariant(context.db, args.graph, args.variant);
      if (!variant) return [];
      // Judged on every report acknowledged before this read.
      await foldUsageInbox(context.db, { acceptedSoFar: true });
      return slaReport(context.db, { variantId: variant.variantId, window });
    },
  }),
}));

builder.mutationFields((t) => ({
  setSlaTarget: t.field({
    type: SlaTargetRef,
    description:
      'Sets the target of a variant, client and operation, replacing the one there (ADMIN, or PUBLISH for the whole graph).',
    args: { input: t.arg({ type: SetSlaTargetInput, required: true }) },
    resolve: (_root, { input }, context) => {
      assertGraphVariant(input);
      return audited(
        context,
        {
          action: AuditAction.SLA_SET,
          graph: input.graph,
          variant: input.variant,
          details: { client: input.client ?? null, operation: input.operation ?? null },
        },
        () => {
          assertCanManageGraph(context.principal, input.graph);
          return setSlaTarget(context.db, input, context.principal.name);
        },
        (target) => ({
          outcome: AuditOutcome.SUCCESS,
          message: `Set the SLA target of ${input.graph}@${input.variant} for ${target.client ?? 'every client'} and ${target.operation ?? 'every operation'}.`,
          details: {
            latencyPercentile: target.latencyPercentile,
            latencyMs: target.latencyMs,
            errorRate: target.errorRate,
          },
        }),
      );
    },
  }),
  deleteSlaTarget: t.boolean({
    description: 'Removes the target of a variant, client and operation; false when there was none.',
    args: {
      graph: t.arg.string({ required: true }),
      variant: t.arg.string({ required: true }),
      client: t.arg.string(),
      operation: t.arg.string(),
    },
    resolve: (_root, args, context) => {
      assertGraphVariant(args);
      return audited(
        context,
        { action: AuditAction.SLA_DELETE, graph: args.graph, variant: args.variant },
        () => {
          assertCanManageGraph(context.principal, args.graph);
          return removeSlaTarget(context.db, args);
        },
        (deleted) => ({
          outcome: AuditOutcome.SUCCESS,
          message: deleted
            ? `Removed the SLA target of ${args.graph}@${args.variant} for ${args.client ?? 'every client'} and ${args.operation ?? 'every operation'}.`
            : `No SLA target of ${args.graph}@${args.variant} for ${args.client ?? 'every client'} and ${args.operation ?? 'every operation'} to remove.`,
        }),
      );
    },
  }),
}));
