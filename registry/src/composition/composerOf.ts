import { ErrorCode, SwitchyardError } from '../errors';
import { type Composer, createComposer, defaultCompositionSettings } from './createComposer';
import type { CompositionOutcome } from './runCompositionTask';

export type { Composer } from './createComposer';

let inline: Composer | undefined;

/** The caller's composer, or one shared composer on the calling thread for in-process callers (tests, scripts). */
export function composerOf(deps: { composer?: Composer }): Composer {
  if (deps.composer) return deps.composer;
  inline ??= createComposer({ ...defaultCompositionSettings, workers: 0 });
  return inline;
}

/** The `SCHEMA_TOO_LARGE` error of an outcome the size limits refused. */
export function schemaTooLarge(outcome: Extract<CompositionOutcome, { kind: 'tooLarge' }>): SwitchyardError {
  return new SwitchyardError(ErrorCode.SCHEMA_TOO_LARGE, outcome.message, {
    subgraph: outcome.subgraph,
    size: outcome.size,
  });
}
