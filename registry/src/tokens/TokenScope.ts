/** What a token may do. */
export const TokenScope = {
  /** Everything, including managing tokens. */
  ADMIN: 'ADMIN',
  /** Publish, check and delete the named subgraphs of one graph (all of its subgraphs when none are named). */
  PUBLISH: 'PUBLISH',
  /** Fetch the supergraph and query one graph: what gateways use. */
  READ: 'READ',
  /** Send usage reports for one graph. */
  REPORT: 'REPORT',
} as const;
export type TokenScope = (typeof TokenScope)[keyof typeof TokenScope];

/** Whether `value` is one of the token scopes. */
export function isTokenScope(value: string): value is TokenScope {
  return Object.hasOwn(TokenScope, value);
}
