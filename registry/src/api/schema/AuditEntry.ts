import type { AuditEntryRow } from '../../db/schema';
import { ErrorCode, SwitchyardError } from '../../errors';
import { assertGraphVariant } from '../../publishing/validateInput';
import { listAuditEntries } from '../../repositories/auditRepository';
import { assertAdmin, assertCanReadAudit } from '../../tokens/access';
import { parseDuration } from '../../usage/reports/parseUsageWindow';
import { builder } from '../builder';

/** Most entries one `auditLog` call returns. */
const maxAuditEntries = 1000;

export const AuditEntryRef = builder.objectRef<AuditEntryRow>('AuditEntry').implement({
  description: 'One change made or refused through the API, with who, when, where and how it ended.',
  fields: (t) => ({
    id: t.exposeID('id'),
    createdAt: t.string({ resolve: (entry) => entry.createdAt.toISOString() }),
    action: t.exposeString('action', { description: 'PUBLISH, ROLLBACK, GRAPH_DELETE, TOKEN_CREATE, …' }),
    outcome: t.exposeString('outcome', { description: 'SUCCESS, FAILED or REFUSED.' }),
    code: t.exposeString('code', { nullable: true, description: 'The error code of a refused or failed action.' }),
    message: t.exposeString('message'),
    graph: t.exposeString('graph', { nullable: true }),
    variant: t.exposeString('variant', { nullable: true }),
    subgraph: t.exposeString('subgraph', { nullable: true }),
    tokenId: t.exposeString('tokenId', { nullable: true }),
    tokenName: t.exposeString('tokenName'),
    details: t.string({
      description: 'Action-specific facts, as JSON.',
      resolve: (entry) => JSON.stringify(entry.details),
    }),
  }),
});

builder.queryFields((t) => ({
  auditLog: t.field({
    type: [AuditEntryRef],
    description: `A graph's audit log, newest first (at most ${maxAuditEntries}): ADMIN, and READ tokens of that graph. Without graph, every entry (ADMIN only).`,
    args: {
      graph: t.arg.string(),
      since: t.arg.string({ defaultValue: '7d', description: 'A duration back from now: 30m, 24h, 7d, 2w.' }),
      limit: t.arg.int({ defaultValue: 100 }),
    },
    resolve: (_root, args, context) => {
      const graph = args.graph ?? null;
      if (graph === null) assertAdmin(context.principal);
      else {
        assertGraphVariant({ graph });
        assertCanReadAudit(context.principal, graph);
      }
      const since = parseDuration(args.since ?? '7d');
      if (since === undefined) {
        throw new SwitchyardError(
          ErrorCode.BAD_USER_INPUT,
          `since must be a duration like 24h or 7d; got "${args.since}".`,
          {
            argument: 'since',
          },
        );
      }
      const limit = args.limit ?? 100;
      if (limit < 1 || limit > maxAuditEntries) {
        throw new SwitchyardError(ErrorCode.BAD_USER_INPUT, `limit must be between 1 and ${maxAuditEntries}.`);
      }
      return listAuditEntries(context.db, { graph, since: new Date(Date.now() - since), limit });
    },
  }),
}));
