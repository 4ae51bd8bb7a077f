import { PGlite } from '@electric-sql/pglite';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSubgraphError } from './formatSubgraphError';

const apolloFormatted = {
  message: 'Internal server error',
  path: ['supply'],
  extensions: { code: 'INTERNAL_SERVER_ERROR' },
};

// One database for the file: starting PGlite takes seconds.
let db: PGlite;
beforeAll(() => {
  db = new PGlite();
});
afterAll(() => db.close());

async function databaseError(text: string): Promise<unknown> {
  return db.query('select $1::text as t', [text]).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('formatSubgraphError', () => {
  it('answers text the database refuses (a NUL character) as BAD_USER_INPUT, keeping the path', async () => {
    const refused = await databaseError('supply_\u000001');
    const inResolver = new GraphQLError('invalid byte sequence', { path: ['supply'], originalError: refused as Error });
    expect(formatSubgraphError(apolloFormatted, inResolver)).toEqual({
      message: expect.stringContaining('NUL character'),
      path: ['supply'],
      extensions: { code: 'BAD_USER_INPUT', sqlState: '22021' },
    });
  });

  it('finds the database error behind a wrapping error (drizzle wraps the driver)', async () => {
    const wrapped = new Error('Failed query', { cause: await databaseError('\u0000') });
    expect(formatSubgraphError(apolloFormatted, wrapped).extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('leaves every other error as Apollo formatted it', () => {
    const bug = Object.assign(new Error('relation "x" does not exist'), { code: '42P01' });
    expect(formatSubgraphError(apolloFormatted, bug)).toBe(apolloFormatted);
    expect(formatSubgraphError(apolloFormatted, new Error('boom'))).toBe(apolloFormatted);
  });
});
