import { OrdersError } from '../errors';
import { decodeOrderCursor, type OrderCursor } from './cursor';

/** The checked arguments of a page of orders. */
export interface PageArguments {
  first: number;
  after: OrderCursor | null;
}

/**
 * Checks `first` (1 to `maxPageSize`) and decodes `after`; either out of bounds is a `BAD_USER_INPUT` error that
 * names the argument and the limit.
 */
export function readPageArguments(
  args: { first?: number | null; after?: string | null },
  maxPageSize: number,
  defaultFirst = 20,
): PageArguments {
  const first = args.first ?? defaultFirst;
  if (first < 1 || first > maxPageSize) {
    throw new OrdersError('BAD_USER_INPUT', `\`first\` must be between 1 and ${maxPageSize}; it was ${first}.`, {
      argument: 'first',
      maxPageSize,
    });
  }
  return { first, after: args.after ? decodeOrderCursor(args.after) : null };
}
