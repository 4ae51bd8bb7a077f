import { ErrorCode, SwitchyardError } from '../../errors';
import { toCheckResult } from '../../publishing/checkSubgraph';
import { assertGraphVariant, assertName } from '../../publishing/validateInput';
import { listChecks } from '../../repositories/checkRepository';
import { findVariant, listGraphs } from '../../repositories/graphRepository';
import { findSupergraphVersion, listSupergraphVersions } from '../../repositories/supergraphVersionRepository';
import { listTokens } from '../../repositories/tokenRepository';
import { assertAdmin, assertCanRead } from '../../tokens/access';
import { TokenScope } from '../../tokens/TokenScope';
import { diffSupergraphVersions } from '../../versions/diffSupergraphVersions';
import { readServedState } from '../../versions/readServedState';
import { builder } from '../builder';
import { CheckResultRef } from './CheckResult';
import { GraphSummaryRef } from './GraphSummary';
import { SchemaChangeRef } from './SchemaChange';
import { SubgraphRef } from './Subgraph';
import { SupergraphVersionRef } from './SupergraphVersion';
import { TokenRef } from './Token';

/** Most versions one `supergraphVersions` call returns. */
const maxVersionsPerPage = 100;

builder.queryFields((t) => ({
  graphs: t.field({
    type: [GraphSummaryRef],
    description:
      'The graphs this token can read: all of them for ADMIN, its own graph for READ and PUBLISH, none for REPORT.',
    resolve: (_root, _args, context) => {
      const { scope, graph } = context.principal;
      if (scope === TokenScope.ADMIN) return listGraphs(context.db);
      if ((scope === TokenScope.READ || scope === TokenScope.PUBLISH) && graph !== null)
        return listGraphs(context.db, graph);
      return [];
    },
  }),
  subgraphs: t.field({
    type: [SubgraphRef],
    description: 'The subgraphs of the served supergraph of a variant.',
    args: { graph: t.arg.string({ required: true }), variant: t.arg.string({ required: true }) },
    resolve: async (_root, args, context) => {
      assertGraphVariant(args);
      assertCanRead(context.principal, args.graph);
      const variant = await findVariant(context.db, args.graph, args.variant);
      return variant ? (await readServedState(context.db, variant.variantId)).subgraphs : [];
    },
  }),
  supergraphVersions: t.field({
    type: [SupergraphVersionRef],
    description: `A variant's supergraph versions, newest first (at most ${maxVersionsPerPage}).`,
    args: {
      graph: t.arg.string({ required: true }),
      variant: t.arg.string({ required: true }),
      limit: t.arg.int({ defaultValue: 20 }),
    },
    resolve: async (_root, args, context) => {
      assertGraphVariant(args);
      assertCanRead(context.principal, args.graph);
      const limit = args.limit ?? 20;
      if (limit < 1 || limit > maxVersionsPerPage) {
        throw new SwitchyardError(ErrorCode.BAD_USER_INPUT, `limit must be between 1 and ${maxVersionsPerPage}.`);
      }
      const variant = await findVariant(context.db, args.graph, args.variant);
      return variant ? listSupergraphVersions(context.db, variant.variantId, limit) : [];
    },
  }),
  checks: t.field({
    type: [CheckResultRef],
    description: `A variant's schema checks, newest first (at most ${maxVersionsPerPage}): what each answered when it ran.`,
    args: {
      graph: t.arg.string({ required: true }),
      variant: t.arg.string({ required: true }),
      subgraph: t.arg.string({ description: 'Only checks of this subgraph.' }),
      limit: t.arg.int({ defaultValue: 20 }),
    },
    resolve: async (_root, args, context) => {
      assertGraphVariant(args);
      if (args.subgraph) assertName('subgraph', args.subgraph);
      assertCanRead(context.principal, args.graph);
      const limit = args.limit ?? 20;
      if (limit < 1 || limit > maxVersionsPerPage) {
        throw new SwitchyardError(ErrorCode.BAD_USER_INPUT, `limit must be between 1 and ${maxVersionsPerPage}.`);
      }
      const variant = await findVariant(context.db, args.graph, args.variant);
      if (!variant) return [];
      const rows = await listChecks(context.db, variant.variantId, { subgraph: args.subgraph ?? undefined, limit });
      return rows.map(toCheckResult);
    },
  }),
  supergraphVersion: t.field({
    type: SupergraphVersionRef,
    nullable: true,
    description: 'One supergraph version of a variant; the served (latest) one when version is omitted.',
    args: {
      graph: t.arg.string({ required: true }),
      variant: t.arg.string({ required: true }),
      version: t.arg.int(),
    },
    resolve: async (_root, args, context) => {
      assertGraphVariant(args);
      assertCanRead(context.principal, args.graph);
      const variant = await findVariant(context.db, args.graph, args.variant);
      if (!variant) return null;
      if (args.version == null) return (await readServedState(context.db, variant.variantId)).latest ?? null;
      return (await findSupergraphVersion(context.db, variant.variantId, args.version)) ?? null;
    },
  }),
  diff: t.field({
    type: [SchemaChangeRef],
    description: 'The API schema changes between two supergraph versions of a variant.',
    args: {
      graph: t.arg.string({ required: true }),
      variant: t.arg.string({ required: true }),
      from: t.arg.int({ required: true }),
      to: t.arg.int({ required: true }),
    },
    resolve: (_root, args, context) => {
      assertGraphVariant(args);
      assertCanRead(context.principal, args.graph);
      return diffSupergraphVersions(context.db, args);
    },
  }),
  tokens: t.field({
    type: [TokenRef],
    description: 'Every token, revoked ones included (admin only).',
    resolve: (_root, _args, context) => {
      assertAdmin(context.principal);
      return listTokens(context.db);
    },
  }),
}));
