import { GraphQLError, Kind } from 'graphql';
import { builder } from '../builder';

/**
 * A count of requests (or errors), a 64-bit integer as the usage tables store it. GraphQL's `Int` is 32-bit and
 * fails the whole answer past 2,147,483,647; `Count` is serialized as a JSON number up to `Number.MAX_SAFE_INTEGER`
 * (2⁵³ − 1, which every JSON reader takes exactly) and as a string of decimal digits above it, so a JSON reader
 * never rounds one. (The reports add counts up in JavaScript numbers, exact up to 2⁵³ − 1; the contract's per-entry
 * maximum keeps honest totals far below that.)
 */
export const CountScalar = builder.scalarType('Count', {
  description:
    'A non-negative 64-bit count: a JSON number up to 9007199254740991 (2^53 - 1), a string of decimal digits above it.',
  serialize: (value) => serializeCount(value),
  parseValue: (value) => parseCount(value),
  parseLiteral: (node) => {
    if (node.kind !== Kind.INT && node.kind !== Kind.STRING) throw new GraphQLError('A Count is an integer.');
    return parseCount(node.value);
  },
});

/** A count as it goes on the wire: a number when exact in JSON, decimal digits otherwise. */
export function serializeCount(value: unknown): number | string {
  if (typeof value === 'bigint') return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) {
    return Number.isSafeInteger(value) ? value : BigInt(value).toString();
  }
  if (typeof value === 'string' && /^\d+$/.test(value)) return serializeCount(BigInt(value));
  throw new GraphQLError(`Count cannot represent ${String(value)}.`);
}

function parseCount(value: unknown): number {
  const parsed = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof parsed !== 'number' || !Number.isSafeInteger(parsed) || parsed < 0) {
    throw new GraphQLError('A Count argument is a non-negative integer up to 9007199254740991.');
  }
  return parsed;
}
