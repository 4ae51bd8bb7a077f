import { SubgraphError } from '../errors';

/**
 * Encodes a keyset position (the sort values of the last row of a page) as an opaque cursor. Clients must not
 * parse cursors; base64url of JSON keeps them URL-safe and lets the sort key change without breaking the API.
 */
export function encodeCursor(position: readonly string[]): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by `encodeCursor` into its `arity` sort values; anything else is a `BAD_USER_INPUT` error
 * naming the argument, never a crash.
 */
export function decodeCursor(cursor: string, arity: number, argument = 'after'): string[] {
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    position = undefined;
  }
  if (
    !Array.isArray(position) ||
    position.length !== arity ||
    !position.every((value): value is string => typeof value === 'string')
  ) {
    throw new SubgraphError('BAD_USER_INPUT', `\`${argument}\` is not a cursor returned by this field.`, {
      argument,
    });
  }
  return position;
}
