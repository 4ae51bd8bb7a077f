import { AuditAction, AuditOutcome } from '../../audit/AuditAction';
import { type AuditRecord, audited } from '../../audit/audited';
import { createGraph, deleteGraph, deleteVariant } from '../../graphs/manageGraphs';
import { checkSubgraph } from '../../publishing/checkSubgraph';
import { deleteSubgraph } from '../../publishing/deleteSubgraph';
import type { PublishResult } from '../../publishing/PublishResult';
import { PublishStatus } from '../../publishing/PublishStatus';
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

/** Logs what changed the served supergraph, and by whom, for operators; and says how to audit it. */
function publishOutcome(
  context: ApiContext,
  action: string,
  details: Record<string, unknown>,
  result: PublishResult,
): AuditRecord {
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
  const failed = result.status === PublishStatus.INVALID_SDL || result.status === PublishStatus.COMPOSITION_FAILED;
  const refused = result.status === PublishStatus.BLOCKED_BY_USAGE;
  return {
    outcome: failed ? AuditOutcome.FAILED : refused ? AuditOutcome.REFUSED : AuditOutcome.SUCCESS,
    code: failed || refused ? result.status : null,
    message: result.message,
    details: { status: result.status, version: result.supergraphVersion?.version ?? null },
  };
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
    force: t.boolean({
      description:
        'Publish even when a breaking change affects what clients used in the check window (otherwise BLOCKED_BY_USAGE).',
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
    allowNoUsage: t.boolean({
      description:
        'Let breaking changes through when the variant received no usage at all in the window (blocked by default).',
    }),
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
      const { graph, variant, subgraph, commit } = input;
      return audited(
        context,
        {
          action: AuditAction.PUBLISH,
          graph,
          variant,
          subgraph,
          details: { commit: commit ?? null, author: input.author ?? null },
        },
        () => {
          assertCanPublish(context.principal, input.graph, input.subgraph);
          return publishSubgraph(
            {
              db: context.db,
              maxSdlBytes: context.maxSdlBytes,
              principal: context.principal,
              routingUrls: context.routingUrls,
              checkUsage: context.checkUsage,
              composer: context.composer,
            },
            input,
          );
        },
        (result) => ({
          ...publishOutcome(context, 'publish', { graph, variant, subgraph, commit }, result),
          also: result.created?.graph
            ? [{ action: AuditAction.GRAPH_CREATE, graph, variant }]
            : result.created?.variant
              ? [{ action: AuditAction.VARIANT_CREATE, graph, variant }]
              : [],
        }),
      );
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
          composer: context.composer,
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
      return audited(
        context,
        { action: AuditAction.SUBGRAPH_DELETE, ...args },
        () => {
          assertCanPublish(context.principal, args.graph, args.subgraph);
          return deleteSubgraph(context.db, args, { composer: context.composer });
        },
        (result) => publishOutcome(context, 'delete', args, result),
      );
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
      return audited(
        context,
        {
          action: AuditAction.ROLLBACK,
          graph: args.graph,
          variant: args.variant,
          details: { toVersion: args.toVersion },
        },
        () => {
          assertCanManageGraph(context.principal, args.graph);
          return rollbackSupergraph(context.db, args);
        },
        (version) => {
          const message = `Rolled ${args.graph}@${args.variant} back to the content of version ${args.toVersion} as version ${version.version}.`;
          context.logger.info(
            { action: 'rollback', token: context.principal.name, ...args, version: version.version },
            message,
          );
          return { outcome: AuditOutcome.SUCCESS, message, details: { version: version.version } };
        },
      );
    },
  }),
  createGraph: t.field({
    type: GraphSummaryRef,
    description: 'Creates a graph with one variant, or a variant of an existing graph (admin only).',
    args: { graph: t.arg.string({ required: true }), variant: t.arg.string({ required: true }) },
    resolve: async (_root, args, context) => {
      assertGraphVariant(args);
      let createdGraph = false;
      return audited(
        context,
        { action: AuditAction.VARIANT_CREATE, ...args },
        async () => {
          assertAdmin(context.principal);
          const created = await createGraph(context.db, args);
          createdGraph = created.createdGraph;
          return created.graph;
        },
        () => ({
          outcome: AuditOutcome.SUCCESS,
          message: createdGraph
            ? `Created graph "${args.graph}" with variant "${args.variant}".`
            : `Created variant ${args.graph}@${args.variant}.`,
          also: createdGraph ? [{ action: AuditAction.GRAPH_CREATE, graph: args.graph }] : [],
        }),
      );
    },
  }),
  deleteGraph: t.field({
    type: GraphDeletionRef,
    description:
      'Deletes a graph with its variants, subgraphs, versions, checks, usage, audit entries and tokens (admin only).',
    args: { graph: t.arg.string({ required: true }) },
    resolve: async (_root, args, context) => {
      assertGraphVariant(args);
      return audited(
        context,
        { action: AuditAction.GRAPH_DELETE, graph: args.graph },
        () => {
          assertAdmin(context.principal);
          return deleteGraph(context.db, args);
        },
        (deleted) => ({
          outcome: AuditOutcome.SUCCESS,
          message: `Deleted graph "${args.graph}" (variants: ${deleted.graph.variants.join(', ') || 'none'}) with its versions, checks, usage, audit log and ${deleted.tokens} token(s).`,
          details: { variants: deleted.graph.variants, tokens: deleted.tokens },
        }),
      );
    },
  }),
  deleteVariant: t.field({
    type: GraphSummaryRef,
    description:
      "Deletes a variant with its subgraphs, versions, checks and usage (admin only); answers the graph's rest.",
    args: { graph: t.arg.string({ required: true }), variant: t.arg.string({ required: true }) },
    resolve: async (_root, args, context) => {
      assertGraphVariant(args);
      return audited(
        context,
        { action: AuditAction.VARIANT_DELETE, ...args },
        async () => {
          assertAdmin(context.principal);
          return (await deleteVariant(context.db, args)).graph;
        },
        () => ({
          outcome: AuditOutcome.SUCCESS,
          message: `Deleted variant ${args.graph}@${args.variant} with its versions, checks and usage.`,
        }),
      );
    },
  }),
  createToken: t.field({
    type: CreatedTokenRef,
    args: { input: t.arg({ type: CreateTokenInput, required: true }) },
    resolve: (_root, { input }, context) =>
      audited(
        context,
        {
          action: AuditAction.TOKEN_CREATE,
          graph: input.graph ?? null,
          details: { name: input.name, scope: input.scope, subgraphs: input.subgraphs ?? [] },
        },
        () => {
          assertAdmin(context.principal);
          return createToken(context.db, input);
        },
        (created) => ({
          outcome: AuditOutcome.SUCCESS,
          message: `Created ${created.row.scope} token "${created.row.name}" (id ${created.row.id}).`,
          details: { createdTokenId: created.row.id },
        }),
      ),
  }),
  revokeToken: t.field({
    type: TokenRef,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, context) =>
      audited(
        context,
        { action: AuditAction.TOKEN_REVOKE, graph: null, details: { revokedTokenId: String(args.id) } },
        () => {
          assertAdmin(context.principal);
          return revokeTokenById(context.db, String(args.id));
        },
        (token) => ({
          outcome: AuditOutcome.SUCCESS,
          message: `Revoked ${token.scope} token "${token.name}" (id ${token.id}).`,
          graph: token.graph,
        }),
      ),
  }),
}));
