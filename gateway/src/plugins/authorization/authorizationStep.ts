import { createHash } from 'node:crypto';
import { isRecord } from '@switchyard/cost-model';
import type { FormattedExecutionResult } from 'graphql';
import {
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  getOperationAST,
  type OperationDefinitionNode,
} from 'graphql';
import type { GatewayConfig } from '../../config';
import type { ClientOperation, Identity } from '../../context';
import { ErrorCode, SwitchyardError } from '../../errors';
import type { SupergraphModel } from '../../supergraph/supergraphModel';
import { LruCache } from '../cost/lruCache';
import { applyUnauthorizedNulls } from './applyUnauthorizedNulls';
import type { AuthorizationModel } from './authorizationModel';
import { findUnauthorizedSelections, type UnauthorizedSelection } from './findUnauthorizedSelections';

/** What the caller may run of the operation it sent. */
export interface Access {
  /** Selections the caller may not see; empty when it may see everything. */
  unauthorized: UnauthorizedSelection[];
  /** The document to plan and execute: the client's, or in filter mode without the unauthorized selections. */
  document: DocumentNode;
  operation: OperationDefinitionNode | undefined;
  /** Hash of `document`, so Apollo Gateway caches a filtered document's plan apart from the unfiltered one's. */
  queryHash: string;
}

/**
 * The authorization step: enforces the supergraph's `@authenticated` and `@requiresScopes`, which
 * `@apollo/gateway` ignores. `filter` (default) removes the forbidden selections before planning, so no subgraph
 * sees them, and `finish` answers them `null` with an error per path; `reject` refuses the whole operation.
 */
export interface AuthorizationStep {
  decide(request: {
    sent: ClientOperation;
    schema: GraphQLSchema;
    model: SupergraphModel;
    identity: Identity | null;
  }): { access: Access; refusal: SwitchyardError | undefined };
  /**
   * Puts what `decide` found into the final result: the nulls and their errors, or every reject error. With
   * `stripPlaceholders: false` the placeholders stay for a later walk to remove (the actual cost's).
   */
  finish(
    result: FormattedExecutionResult,
    schema: GraphQLSchema,
    access: Access,
    options?: { stripPlaceholders?: boolean },
  ): void;
}

export function createAuthorizationStep(
  mode: GatewayConfig['auth']['authorizationMode'],
  /** Estimated bytes of analyses kept, documents they hold included (`OPERATION_CACHE_BYTES`' share); default 4 MiB. */
  cacheBytes = 4 * 1024 * 1024,
): AuthorizationStep {
  const cache = new LruCache<string, Access>(cacheBytes);
  let cachedFor: string | undefined;

  return {
    decide({ sent, schema, model, identity }) {
      const requirements = model.authorization;
      const everything: Access = {
        unauthorized: [],
        document: sent.document,
        operation: getOperationAST(sent.document, sent.operationName) ?? undefined,
        queryHash: sent.queryHash,
      };
      if (requirements.fields.size === 0 && requirements.types.size === 0) {
        return { access: everything, refusal: undefined };
      }
      if (cachedFor !== model.id) {
        cache.clear();
        cachedFor = model.id;
      }
      const key = `${sent.queryHash}\u0000${sent.operationName ?? ''}\u0000${scopeKey(requirements, identity)}`;
      let access = cache.get(key);
      if (!access) {
        const found = findUnauthorizedSelections({
          schema,
          model: requirements,
          document: sent.document,
          operationName: sent.operationName,
          identity,
        });
        access = found.signature
          ? {
              unauthorized: found.unauthorized,
              document: found.document,
              operation: getOperationAST(found.document, sent.operationName) ?? undefined,
              queryHash: createHash('sha256')
                .update(`${sent.queryHash}\u0000authz\u0000${found.signature}`)
                .digest('hex'),
            }
          : { ...everything, unauthorized: found.unauthorized };
        cache.set(key, access);
      }
      const first = access.unauthorized[0];
      if (!first || mode !== 'reject') return { access, refusal: undefined };
      // `finish` then lists every forbidden path, not only the first.
      return {
        access,
        refusal: new SwitchyardError(
          'UNAUTHORIZED_FIELD_OR_TYPE',
          first.message,
          { coordinate: first.coordinate },
          { path: templatePath(first) },
        ),
      };
    },

    finish(result, schema, access, options) {
      if (access.unauthorized.length === 0) return;
      const mutable = result as { data?: unknown; errors?: readonly GraphQLFormattedError[] };
      if (mode === 'reject') {
        if (mutable.errors?.some((e) => e.extensions?.code === ErrorCode.UNAUTHORIZED_FIELD_OR_TYPE)) {
          mutable.errors = access.unauthorized.map(toRejectError);
        }
        return;
      }
      if (!isRecord(mutable.data)) return;
      const { data, errors } = applyUnauthorizedNulls(schema, mutable.data, access.unauthorized, options);
      mutable.data = data;
      mutable.errors = [...errors, ...(mutable.errors ?? [])];
    },
  };
}

/** The caller's scopes that some requirement mentions: callers differing only in other scopes share analyses. */
function scopeKey(model: AuthorizationModel, identity: Identity | null): string {
  if (!identity) return '-';
  return `+${identity.scopes
    .filter((scope) => model.scopes.has(scope))
    .sort()
    .join(' ')}`;
}

function templatePath(selection: UnauthorizedSelection): string[] {
  return selection.steps.map((step) => step.key);
}

function toRejectError(selection: UnauthorizedSelection): GraphQLFormattedError {
  const path = templatePath(selection);
  return {
    message: selection.message,
    ...(path.length > 0 ? { path } : {}),
    extensions: { code: ErrorCode.UNAUTHORIZED_FIELD_OR_TYPE, coordinate: selection.coordinate },
  };
}
