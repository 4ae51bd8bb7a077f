/** Why the CLI stopped without a result; each maps to an exit code. */
export const CliErrorCode = {
  /** Bad or missing arguments: exit 2. */
  USAGE: 'USAGE',
  /** The registry could not be reached or answered something that is not the registry API: exit 2. */
  CONNECTION_FAILED: 'CONNECTION_FAILED',
  /** The registry refused the request (`UNAUTHENTICATED`, `FORBIDDEN`, `NOT_FOUND`, `BAD_USER_INPUT`…): exit 2. */
  REGISTRY_ERROR: 'REGISTRY_ERROR',
} as const;
export type CliErrorCode = (typeof CliErrorCode)[keyof typeof CliErrorCode];

/** The CLI's one error class: its message is printed as is, without a stack. */
export class CliError extends Error {
  constructor(
    readonly code: CliErrorCode,
    message: string,
    /** The registry's `extensions.code`, for `REGISTRY_ERROR`. */
    readonly registryCode?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
