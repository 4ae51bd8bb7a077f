import { ErrorCode, SwitchyardError } from '../errors';
import { describeInvalidName, type NameKind } from '../input/names';
import { defaultRoutingUrlPolicy, findRoutingUrlProblem, type RoutingUrlPolicy } from '../input/routingUrlPolicy';

export { isValidName } from '../input/names';

/** Throws `INVALID_NAME`, stating the rule, unless `value` is a valid graph, variant or subgraph name. */
export function assertName(kind: NameKind, value: string): void {
  const problem = describeInvalidName(kind, value);
  if (problem) throw new SwitchyardError(ErrorCode.INVALID_NAME, problem, { field: kind });
}

/** Throws `INVALID_NAME` unless `graph` and `variant` are both valid names. */
export function assertGraphVariant(args: { graph: string; variant?: string | null }): void {
  assertName('graph', args.graph);
  if (args.variant != null) assertName('variant', args.variant);
}

/** Throws `INVALID_ROUTING_URL` unless `value` is a routing URL `policy` accepts (default: `defaultRoutingUrlPolicy`). */
export function assertRoutingUrl(value: string, policy: RoutingUrlPolicy = defaultRoutingUrlPolicy): void {
  const problem = findRoutingUrlProblem(value, policy);
  if (problem) throw new SwitchyardError(ErrorCode.INVALID_ROUTING_URL, problem, { field: 'url' });
}

/** Throws `SCHEMA_TOO_LARGE` (413) when the SDL is over the configured limit (MAX_SDL_BYTES), before any parsing. */
export function assertSdlSize(sdl: string, maxSdlBytes: number): void {
  const size = Buffer.byteLength(sdl, 'utf8');
  if (size > maxSdlBytes) {
    throw new SwitchyardError(
      ErrorCode.SCHEMA_TOO_LARGE,
      `The SDL is ${size} bytes, over the registry's limit of ${maxSdlBytes} bytes (MAX_SDL_BYTES).`,
      { sdl: { size, limit: maxSdlBytes } },
    );
  }
}
