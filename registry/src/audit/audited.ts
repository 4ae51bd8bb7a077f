import type { Logger } from 'pino';
import type { Executor } from '../db/openDatabase';
import { ErrorCode, SwitchyardError } from '../errors';
import { insertAuditEntry, type NewAuditEntry } from '../repositories/auditRepository';
import type { Principal } from '../tokens/Principal';
import { type AuditAction, AuditOutcome } from './AuditAction';

/** What is being done, to what, by whom. */
export interface AuditTarget {
  action: AuditAction;
  graph: string | null;
  variant?: string | null;
  subgraph?: string | null;
  details?: Record<string, unknown>;
}

/** How a finished action is recorded: its outcome and one sentence, plus facts to keep. */
export interface AuditRecord {
  outcome: AuditOutcome;
  message: string;
  code?: string | null;
  details?: Record<string, unknown>;
  /** The graph to file the entry under, when only the result tells (a revoked token's graph). */
  graph?: string | null;
  /** Further entries the action caused (a publish --create that created the graph). */
  also?: AuditTarget[];
}

/** What `audited` needs: the database, the caller and a logger for entries that could not be stored. */
export interface AuditContext {
  db: Executor;
  principal: Principal;
  logger: Logger;
}

const refusalCodes = new Set<string>([
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.GRAPH_NOT_FOUND,
  ErrorCode.VARIANT_NOT_FOUND,
  ErrorCode.NOT_FOUND,
  ErrorCode.ALREADY_EXISTS,
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.INVALID_NAME,
  ErrorCode.INVALID_ROUTING_URL,
  ErrorCode.INVALID_WEBHOOK_URL,
  ErrorCode.WEBHOOK_LIMIT_REACHED,
  ErrorCode.PAYLOAD_TOO_LARGE,
  ErrorCode.SCHEMA_TOO_LARGE,
  ErrorCode.MALFORMED_INPUT,
  ErrorCode.INVALID_MANIFEST,
  ErrorCode.MANIFEST_TOO_LARGE,
]);

/**
 * Runs a change and appends its audit entry: `describe(result)` says how a returned result ended; a thrown
 * `SwitchyardError` is recorded as REFUSED (access, unknown graph, bad input) or FAILED with its code and
 * rethrown. The entry is stored after the change, outside its transaction: an entry that cannot be stored is
 * logged at error level and does not undo or fail the change the caller already got.
 */
export async function audited<T>(
  context: AuditContext,
  target: AuditTarget,
  run: () => Promise<T>,
  describe: (result: T) => AuditRecord,
): Promise<T> {
  let result: T;
  try {
    result = await run();
  } catch (error) {
    const code = error instanceof SwitchyardError ? error.code : ErrorCode.INTERNAL_SERVER_ERROR;
    await record(context, target, {
      outcome: refusalCodes.has(code) ? AuditOutcome.REFUSED : AuditOutcome.FAILED,
      code,
      message: error instanceof SwitchyardError ? error.message : 'Internal server error.',
    });
    throw error;
  }
  const described = describe(result);
  for (const also of described.also ?? []) {
    await record(context, also, { outcome: AuditOutcome.SUCCESS, message: described.message });
  }
  await record(context, target, described);
  return result;
}

async function record(context: AuditContext, target: AuditTarget, outcome: AuditRecord): Promise<void> {
  const entry: NewAuditEntry = {
    graph: outcome.graph !== undefined ? outcome.graph : target.graph,
    variant: target.variant ?? null,
    subgraph: target.subgraph ?? null,
    action: target.action,
    outcome: outcome.outcome,
    code: outcome.code ?? null,
    message: outcome.message,
    tokenId: context.principal.tokenId,
    tokenName: context.principal.name,
    details: { ...target.details, ...outcome.details },
  };
  try {
    await insertAuditEntry(context.db, entry);
  } catch (error) {
    context.logger.error({ err: error, audit: entry }, 'could not store an audit entry');
  }
}
