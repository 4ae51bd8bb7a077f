/** Thrown by `loadSubgraphConfig` with every invalid setting listed. */
export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid subgraph configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
