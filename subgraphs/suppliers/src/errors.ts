import { GraphQLError } from 'graphql';

/** Codes the suppliers subgraph puts in `extensions.code`; Apollo's own where one exists. */
export const SuppliersErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
} as const;
export type SuppliersErrorCode = (typeof SuppliersErrorCode)[keyof typeof SuppliersErrorCode];

/** The one error the suppliers subgraph throws at its boundary: a GraphQL error with a stable code and actionable data. */
export class SuppliersError extends GraphQLError {
  constructor(code: SuppliersErrorCode, message: string, data: Record<string, unknown> = {}) {
    super(message, { extensions: { ...data, code } });
    this.name = 'SuppliersError';
  }
}
