import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../errors';
import { createLogger } from '../logger';
import { createMetrics } from '../metrics';
import { createFormatError } from './createFormatError';

describe('createFormatError', () => {
  const metrics = createMetrics();
  const formatError = createFormatError({ logger: createLogger('silent'), metrics });

  it('turns errors without a code into INTERNAL_SERVER_ERROR with no message or stack leaked', () => {
    const error = new Error('password=hunter2 at db.ts:12');
    const formatted = formatError(
      {
        message: error.message,
        path: ['a'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at db.ts:12'] },
      },
      error,
    );
    expect(formatted).toEqual({
      message: 'Internal server error',
      path: ['a'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('keeps the gateway codes with their data, and Apollo codes', () => {
    const throttled = new SwitchyardError('THROTTLED', 'Slow down.', { retryAfterSeconds: 2 });
    const formatted = { message: throttled.message, extensions: { code: 'THROTTLED', retryAfterSeconds: 2 } };
    expect(formatError(formatted, throttled)).toBe(formatted);
    const validation = { message: 'Cannot query field', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
    expect(formatError(validation, new GraphQLError('Cannot query field'))).toBe(validation);
  });

  it('counts every error by its final code', async () => {
    const before =
      (await metrics.errors.get()).values.find((value) => value.labels.code === 'INTERNAL_SERVER_ERROR')?.value ?? 0;
    formatError({ message: 'x' }, new Error('x'));
    const after = (await metrics.errors.get()).values.find(
      (value) => value.labels.code === 'INTERNAL_SERVER_ERROR',
    )?.value;
    expect(after).toBe(before + 1);
  });
});
