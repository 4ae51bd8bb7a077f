import { GraphQLError } from 'graphql';

/** Codes the orders subgraph puts in `extensions.code`; Apollo's own where Apollo has one. */
export const OrdersErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
} as const;
export type OrdersErrorCode = (typeof OrdersErrorCode)[keyof typeof OrdersErrorCode];

/** The one error the orders subgraph throws to a caller: a stable code, a message, and data a client can act on. */
export class OrdersError extends GraphQLError {
  constructor(
    readonly code: OrdersErrorCode,
    message: string,
    data: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { ...data, code } });
    this.name = 'OrdersError';
  }
}
