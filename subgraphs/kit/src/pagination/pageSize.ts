import { SubgraphError } from '../errors';

/**
 * Checks a `first` argument against the configured page size limit and returns it. A value below 0 or over
 * `maxPageSize` is a `BAD_USER_INPUT` error that names the limit, so clients can correct the request.
 */
export function checkPageSize(first: number, maxPageSize: number, argument = 'first'): number {
  if (!Number.isInteger(first) || first < 0 || first > maxPageSize) {
    throw new SubgraphError('BAD_USER_INPUT', `\`${argument}\` must be between 0 and ${maxPageSize}; got ${first}.`, {
      argument,
      limit: maxPageSize,
    });
  }
  return first;
}
