/** What an audit entry records being done. */
export const AuditAction = {
  PUBLISH: 'PUBLISH',
  SUBGRAPH_DELETE: 'SUBGRAPH_DELETE',
  ROLLBACK: 'ROLLBACK',
  GRAPH_CREATE: 'GRAPH_CREATE',
  GRAPH_DELETE: 'GRAPH_DELETE',
  VARIANT_CREATE: 'VARIANT_CREATE',
  VARIANT_DELETE: 'VARIANT_DELETE',
  TOKEN_CREATE: 'TOKEN_CREATE',
  TOKEN_REVOKE: 'TOKEN_REVOKE',
  SLA_SET: 'SLA_SET',
  SLA_DELETE: 'SLA_DELETE',
  DOCUMENTS_PUBLISH: 'DOCUMENTS_PUBLISH',
  DOCUMENTS_DELETE: 'DOCUMENTS_DELETE',
  WEBHOOK_CREATE: 'WEBHOOK_CREATE',
  CONTRACT_CREATE: 'CONTRACT_CREATE',
  CONTRACT_DELETE: 'CONTRACT_DELETE',
  WEBHOOK_DELETE: 'WEBHOOK_DELETE',
} as const;
export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];

/** How an audited action ended. */
export const AuditOutcome = {
  /** It was done (a publish that changed nothing, UNCHANGED, included). */
  SUCCESS: 'SUCCESS',
  /** It was allowed but did not go through: invalid SDL, a composition error. */
  FAILED: 'FAILED',
  /** The registry refused it: the token may not (ownership included), or the graph does not exist. */
  REFUSED: 'REFUSED',
} as const;
export type AuditOutcome = (typeof AuditOutcome)[keyof typeof AuditOutcome];
