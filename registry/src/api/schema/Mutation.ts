import { createGraph, deleteGraph, deleteVariant } from '../../graphs/manageGraphs';
import { checkSubgraph } from '../../publishing/checkSubgraph';
import { deleteSubgraph } from '../../publishing/deleteSubgraph';
import type { PublishResult } from '../../publishing/PublishResult';
import { publishSubgraph } from '../../publishing/publishSubgraph';
import { assertGraphVariant, assertName } from '../../publishing/validateInput';
import { assertAdmin, assertCanManageGraph, assertCanPublish } from '../../tokens/access';
import { createToken, revokeTokenById } from '../../tokens/manageTokens';
import { rollbackSupergraph } from '../../versions/rollbackSupergraph';
import { builder } from '../builder';
import type { ApiContext } from '../context';
import { CheckResultRef } from './CheckResult';
import { TokenScopeEnum } from './enums';
import { GraphDeletionRef, GraphSummaryRef } from './GraphSummary';
import { PublishResultRef } from './PublishResult';
import { SupergraphVersionRef } from './SupergraphVersion';
import { CreatedTokenRef, TokenRef } from './Token';

/** Logs what changed the served supergraph, and by whom, for operators. */
function logOutcome(context: ApiContext, action: string, details: Record<string, unknown>, result: PublishResult) {
  context.logger.info(
    {
      action,
      token: context.principal.name,
      status: result.status,
      version: result.supergraphVersion?.version,
      ...details,
    },
    result.message,
  );
  return result;
}

const PublishSubgraphInput = builder.inputType('PublishSubgraphInput', {
  fields: (t) => ({
    graph: t.string({ required: true }),
    variant: t.string({ required: true }),
    subgraph: t.string({ required: true }),
    url: t.string({ required: true, description: 'Routing URL the gateway calls.' }),
    sdl: t.string({ required: true }),
    author: t.string(),
    commit: t.string(),
    owner: t.string({ description: 'Owning team; kept when omitted.' }),
    create: t.boolean({
      description:
        'Create the graph and variant when they do not exist (ADMIN tokens only); otherwise an unknown graph or variant is refused with GRAPH_NOT_FOUND or VARIANT_NOT_FOUND.',
    }),
  }),
});

const CheckSubgraphInput = builder.inputType('CheckSubgraphInput', {
  fields: (t) => ({
    graph: t.string({ required: true }),
    variant: t.string({ required: true }),
    subgraph: t.string({ required: true }),
    sdl: t.string({ required: true }),
    url: t.string({ description: "Routing URL; the subgraph's current one when omitted." }),
    usageWindow: t.string({
      description:
        'How far back usage of what breaking changes affect counts (24h, 7d, 30d); the registry default when omitted.',
    }),
    excludeClients: t.stringList({ description: 'Client names whose usage does not count.' }),
    strict: t.boolean({ description: 'Also block breaking changes to elements that were not deprecated first.' }),
  }),
});

const CreateTokenInput = builder.inputType('CreateTokenInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    scope: t.field({ type: TokenScopeEnum, required: true }),
    graph: t.string({ description: 'The graph a PUBLISH, READ or REPORT token is for.' }),
    subgraphs: t.stringList({ description: 'Subgraphs a PUBLISH token may publish; all of its graph when omitted.' }),
  }),
});

builder.mutationFields((t) => ({
  publishSubgraph: t.field({
    type: PublishResultRef,
    args: { input: t.arg({ type: PublishSubgraphInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      assertGraphVariant(input);
      assertName('subgraph', input.subgraph);
      assertCanPublish(context.principal, input.graph, input.subgraph);
      const result = await publishSubgraph(
        {
          db: context.db,
          maxSdlBytes: context.maxSdlBytes,
          principal: context.principal,
          routingUrls: context.routingUrls,
        },
        input,
      );
      const { graph, variant, subgraph, commit } = input;
      return logOutcome(context, 'publish', { graph, variant, subgraph, commit }, result);
    },
  }),
  checkSubgraph: t.field({
    type: CheckResultRef,
    args: { input: t.arg({ type: CheckSubgraphInput, required: true }) },
    resolve: (_root, { input }, context) => {
      assertGraphVariant(input);
      assertName('subgraph', input.subgraph);
      assertCanPublish(context.principal, input.graph, input.subgraph);
      return checkSubgraph(
        {
          db: context.db,
          maxSdlBytes: context.maxSdlBytes,
          checkUsage: context.checkUsage,
          principal: context.principal,
          routingUrls: context.routingUrls,
        },
        input,
      );
    },
  }),
  deleteSubgraph: t.field({
    type: PublishResultRef,
    args: {
      graph: t.arg.string({ required: true }),
      variant: t.arg.string({ required: true }),
      subgraph: t.arg.string({ required: true }),
    },
    resolve: async (_root, args, context) => {
      assertGraphVariant(args);
      assertName('subgraph', args.subgraph);
      assertCanPublish(context.principal, args.graph, args.subgraph);
      return logOutcome(context, 'delete', args, await deleteSubgraph(context.db, args));
    },
  }),
  rollbackSupergraph: t.field({
    type: SupergraphVersionRef,
    args: {
      graph: t.arg.string({ required: true }),
      variant: t.arg.string({ required: true }),
      toVersion: t.arg.int({ required: true }),
    },
    resolve: async (_root, args, context) => {
      assertGraphVariant(args);
      assertCanManageGraph(context.principal, args.graph);
      const version = await rollbackSupergraph(context.db, args);
      context.logger.info(
        { action: 'rollback', token: context.principal.name, ...args, version: version.version },
        `Rolled ${args.graph}@${args.variant} back to the content of version ${args.toVersion} as version ${version.version}.`,
      );
      return version;
    },
  }),
  createGraph: t.field({
    type: GraphSummaryRef,
    description: 'Creates a graph with one variant, or a variant of an existing graph (admin only).',
    args: { graph: t.arg.string({ required: true }), variant: t.arg.string({ required: true }) },
    resolve: async (_root, args, context) => {
      assertGraphVariant(args);
      assertAdmin(context.principal);
      return (await createGraph(context.db, args)).graph;
    },
  }),
  deleteGraph: t.field({
    type: GraphDeletionRef,
    description:
      'Deletes a graph with its variants, subgraphs, versions, checks, usage, audit entries and tokens (admin only).',
    args: { graph: t.arg.string({ required: true }) },
    resolve: async (_root, args, context) => {
      assertGraphVariant(args);
      assertAdmin(context.principal);
      return deleteGraph(context.db, args);
    },
  }),
  deleteVariant: t.field({
    type: GraphSummaryRef,
    description:
      "Deletes a variant with its subgraphs, versions, checks and usage (admin only); answers the graph's rest.",
    args: { graph: t.arg.string({ required: true }), variant: t.arg.string({ required: true }) },
    resolve: async (_root, args, context) => {
      assertGraphVariant(args);
      assertAdmin(context.principal);
      return (await deleteVariant(context.db, args)).graph;
    },
  }),
  createToken: t.field({
    type: CreatedTokenRef,
    args: { input: t.arg({ type: CreateTokenInput, required: true }) },
    resolve: (_root, { input }, context) => {
      assertAdmin(context.principal);
      return createToken(context.db, input);
    },
  }),
  revokeToken: t.field({
    type: TokenRef,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, context) => {
      assertAdmin(context.principal);
      return revokeTokenById(context.db, String(args.id));
    },
  }),
}));
