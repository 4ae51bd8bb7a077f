import { GraphQLError } from 'graphql';

/** Codes of the errors the cost model throws: an operation it cannot price as written. */
export const CostModelErrorCode = {
  /** A field with `@listSize(requireOneSlicingArgument: true)` was given none, or several, of its slicing arguments. */
  LIST_SIZE_ARGUMENT_REQUIRED: 'LIST_SIZE_ARGUMENT_REQUIRED',
} as const;
export type CostModelErrorCode = (typeof CostModelErrorCode)[keyof typeof CostModelErrorCode];

/**
 * Why an operation cannot be priced. `data` lands in `extensions` beside the code; the gateway turns it into its
 * own `SwitchyardError` (with its HTTP status), the registry reports the operation as not priced.
 */
export class CostModelError extends GraphQLError {
  constructor(
    readonly code: CostModelErrorCode,
    message: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { code, ...data } });
    this.name = 'CostModelError';
  }
}
