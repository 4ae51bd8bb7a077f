import { UNKNOWN_ERROR_CODE, UsageReportLimits } from '@switchyard/registry-client/usage';
import type { GraphQLFormattedError } from 'graphql';

/**
 * The distinct error codes of a response, as the usage report counts them: each error's `extensions.code` made a
 * contract code (characters outside `A-Za-z0-9_.:-` become `_`, cut to `maxErrorCodeLength`), `UNKNOWN` for an
 * error without a string code. Empty when the response had no errors.
 */
export function errorCodesOf(errors: readonly GraphQLFormattedError[] | undefined): string[] {
  const codes = new Set<string>();
  for (const error of errors ?? []) {
    const code = error.extensions?.code;
    const bounded =
      typeof code === 'string'
        ? code.replace(/[^A-Za-z0-9_.:-]/g, '_').slice(0, UsageReportLimits.maxErrorCodeLength)
        : '';
    codes.add(bounded === '' ? UNKNOWN_ERROR_CODE : bounded);
  }
  return [...codes];
}
