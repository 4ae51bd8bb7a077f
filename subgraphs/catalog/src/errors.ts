import { GraphQLError } from 'graphql';

/** Codes the catalog subgraph puts in `extensions.code`; Apollo's own where one exists. */
export const CatalogErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
} as const;
export type CatalogErrorCode = (typeof CatalogErrorCode)[keyof typeof CatalogErrorCode];

/** The one error the catalog throws at its boundary: a GraphQL error with a stable code and actionable data. */
export class CatalogError extends GraphQLError {
  constructor(code: CatalogErrorCode, message: string, data: Record<string, unknown> = {}) {
    super(message, { extensions: { ...data, code } });
    this.name = 'CatalogError';
  }
}
