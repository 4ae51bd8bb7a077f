import { ErrorCode, SwitchyardError } from '../errors';

const namePattern = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** Whether `value` is a usable graph, variant or subgraph name: 1-64 letters, digits, `_` or `-`, from a letter. */
export function isValidName(value: string): boolean {
  return namePattern.test(value);
}

/** Throws `BAD_USER_INPUT` unless `value` is a usable graph, variant or subgraph name. */
export function assertName(kind: 'graph' | 'variant' | 'subgraph', value: string): void {
  if (!isValidName(value)) {
    throw new SwitchyardError(
      ErrorCode.BAD_USER_INPUT,
      `The ${kind} name "${value}" is not valid: use 1-64 letters, digits, "_" or "-", starting with a letter.`,
      { field: kind },
    );
  }
}

/** Throws `BAD_USER_INPUT` unless `value` is an absolute http(s) URL. */
export function assertRoutingUrl(value: string): void {
  let protocol: string | undefined;
  try {
    protocol = new URL(value).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new SwitchyardError(ErrorCode.BAD_USER_INPUT, `The routing URL "${value}" is not an http(s) URL.`, {
      field: 'url',
    });
  }
}

/** Throws `PAYLOAD_TOO_LARGE` when the SDL is over the configured limit (MAX_SDL_BYTES). */
export function assertSdlSize(sdl: string, maxSdlBytes: number): void {
  const size = Buffer.byteLength(sdl, 'utf8');
  if (size > maxSdlBytes) {
    throw new SwitchyardError(
      ErrorCode.PAYLOAD_TOO_LARGE,
      `The SDL is ${size} bytes, over the registry's limit of ${maxSdlBytes} bytes (MAX_SDL_BYTES).`,
      { sdl: { size, limit: maxSdlBytes } },
    );
  }
}
