import { OrdersError } from '../errors';

/** Position of an order in a newest-first list: its placement time, then its id to break ties. */
export interface OrderCursor {
  placedAt: Date;
  id: string;
}

/** Encodes a position as an opaque cursor (base64url of `[placedAt ISO, id]`). */
export function encodeOrderCursor(cursor: OrderCursor): string {
  return Buffer.from(JSON.stringify([cursor.placedAt.toISOString(), cursor.id])).toString('base64url');
}

/** Decodes a cursor from `encodeOrderCursor`; anything else is a `BAD_USER_INPUT` error naming the argument. */
export function decodeOrderCursor(cursor: string, argument = 'after'): OrderCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
    const placedAt = new Date(parsed[0]);
    if (!Number.isNaN(placedAt.getTime())) return { placedAt, id: parsed[1] };
  }
  throw new OrdersError('BAD_USER_INPUT', `\`${argument}\` is not a cursor this field returned.`, { argument });
}
