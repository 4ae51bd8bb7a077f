import { GraphQLError } from 'graphql';

/** Thrown by `loadSubgraphConfig` with every invalid setting listed. */
export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid subgraph configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Codes the kit's shared helpers put in `extensions.code`; Apollo's own where one exists. */
export const SubgraphErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
} as const;
export type SubgraphErrorCode = (typeof SubgraphErrorCode)[keyof typeof SubgraphErrorCode];

/** A GraphQL error with a stable code and data a client can act on, thrown by the kit's shared helpers. */
export class SubgraphError extends GraphQLError {
  constructor(code: SubgraphErrorCode, message: string, data: Record<string, unknown> = {}) {
    super(message, { extensions: { ...data, code } });
    this.name = 'SubgraphError';
  }
}
