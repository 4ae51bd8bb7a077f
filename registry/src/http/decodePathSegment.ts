import { ErrorCode, SwitchyardError } from '../errors';
import { findStringProblem } from '../input/malformedStrings';

/**
 * Percent-decodes one path segment, answering `MALFORMED_INPUT` (400) for malformed encoding (`%ZZ`, a lone
 * `%E2`) and for segments that decode to a NUL byte, instead of letting `decodeURIComponent` throw a `URIError`.
 */
export function decodePathSegment(segment: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    throw new SwitchyardError(
      ErrorCode.MALFORMED_INPUT,
      `The path segment "${segment.slice(0, 80)}" is not valid percent-encoding.`,
    );
  }
  const problem = findStringProblem(decoded);
  if (problem)
    throw new SwitchyardError(
      ErrorCode.MALFORMED_INPUT,
      `The path segment "${segment.slice(0, 80)}" decodes to a ${problem}.`,
    );
  return decoded;
}
