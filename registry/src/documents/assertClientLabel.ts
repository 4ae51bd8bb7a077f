import { ErrorCode, SwitchyardError } from '../errors';

/** Longest client name or version, as usage reports bound them. */
export const CLIENT_LABEL_MAX_LENGTH = 200;

/**
 * Refuses a client name or version that usage reports could not carry as it is (empty, over 200 characters, or
 * holding control characters), with `BAD_USER_INPUT` naming the argument.
 */
export function assertClientLabel(argument: 'client' | 'clientVersion', value: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (value.trim() === '' || value.length > CLIENT_LABEL_MAX_LENGTH || /[\u0000-\u001f\u007f]/.test(value)) {
    throw new SwitchyardError(
      ErrorCode.BAD_USER_INPUT,
      `${argument} must be 1 to ${CLIENT_LABEL_MAX_LENGTH} characters without control characters.`,
      { argument },
    );
  }
}
