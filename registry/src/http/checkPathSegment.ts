import { ErrorCode, SwitchyardError } from '../errors';
import { findStringProblem } from '../input/malformedStrings';

/**
 * Refuses a decoded path segment holding a NUL byte (or another malformed string) with `MALFORMED_INPUT` (400).
 * Segments that do not percent-decode at all (`%ZZ`, a lone `%E2`) are refused before routing, by the server's
 * `frameworkErrors`, with the same code.
 */
export function checkPathSegment(decoded: string): string {
  const problem = findStringProblem(decoded);
  if (problem) {
    throw new SwitchyardError(
      ErrorCode.MALFORMED_INPUT,
      `The path segment "${encodeURIComponent(decoded.slice(0, 80))}" decodes to a ${problem}.`,
    );
  }
  return decoded;
}
