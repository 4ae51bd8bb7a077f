import type { GatewayConfig } from '../../config';

/** Options of `createLimitsPlugin`. */
export interface LimitsPluginOptions {
  /**
   * `config.limits`, each checked before execution with its own code, naming the limit and the measured value:
   * - `maxTokens` (default 5000, `TOKEN_LIMIT_EXCEEDED`): lexer tokens of the document, counted by the parser
   *   itself (Apollo Server's `parseOptions`, see `limitsParseOptions`), which stops at the limit;
   * - `maxDepth` (default 15, `DEPTH_LIMIT_EXCEEDED`): field nesting, fragments expanded;
   * - `maxAliases` (default 30, `ALIAS_LIMIT_EXCEEDED`): aliased fields;
   * - `maxRootFields` (default 20, `ROOT_FIELD_LIMIT_EXCEEDED`): fields of the root selection set;
   * - `introspection` (default true): when false, an operation selecting `__schema` or `__type` is refused with
   *   `INTROSPECTION_DISABLED` (`__typename` stays allowed).
   */
  config: {
    limits: Pick<GatewayConfig['limits'], 'maxTokens' | 'maxDepth' | 'maxAliases' | 'maxRootFields' | 'introspection'>;
  };
  /** Operations whose measurements are kept, keyed by document hash and operation name. Default 1000. */
  cacheSize?: number;
}
