/** How a publish ended. */
export const PublishStatus = {
  /** A new supergraph version was stored and is being served. */
  PUBLISHED: 'PUBLISHED',
  /** The SDL and URL equal the subgraph's current version; nothing was composed or stored. */
  UNCHANGED: 'UNCHANGED',
  /** The SDL does not parse or is not a valid federation subgraph; nothing changed. */
  INVALID_SDL: 'INVALID_SDL',
  /** The subgraphs do not compose; nothing changed and the previous supergraph keeps serving. */
  COMPOSITION_FAILED: 'COMPOSITION_FAILED',
  /**
   * A breaking change affects what clients used in the check window; nothing changed. `force` publishes anyway,
   * and the version's changes keep who was using them.
   */
  BLOCKED_BY_USAGE: 'BLOCKED_BY_USAGE',
} as const;
export type PublishStatus = (typeof PublishStatus)[keyof typeof PublishStatus];
