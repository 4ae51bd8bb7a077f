import type { GatewayConfig } from '../../config';
import type { SupergraphUpdate } from '../../supergraph/source';

/** Options of `createAuthorizationPlugin`. */
export interface AuthorizationPluginOptions {
  /**
   * `config.auth.authorizationMode`: `filter` (default) removes what the caller may not see before planning and
   * answers `null` plus an `UNAUTHORIZED_FIELD_OR_TYPE` error per path; `reject` refuses the whole operation
   * (HTTP 403) with those errors.
   */
  config: { auth: Pick<GatewayConfig['auth'], 'authorizationMode'> };
  /** The current supergraph; its `@authenticated`/`@requiresScopes` are enforced, and its `id` keys the cache. */
  getSupergraph: () => SupergraphUpdate;
  /** Analyses kept, keyed by (supergraph id, document hash, operation name, caller's relevant scopes). Default 1000. */
  cacheSize?: number;
}
