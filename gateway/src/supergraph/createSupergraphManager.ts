import type { SupergraphManager } from '@apollo/gateway';
import type { Logger } from 'pino';
import type { SupergraphSource, SupergraphUpdate } from './source';
import { type SupergraphValidation, validateSupergraph } from './validateSupergraph';

export interface SupergraphManagerOptions {
  source: SupergraphSource;
  logger: Logger;
  /** Called after a supergraph (first or later) is being served. */
  onServed?(update: SupergraphUpdate): void;
  /** Checks an SDL before it is served. Default `validateSupergraph`. */
  validate?(sdl: string): SupergraphValidation;
  /**
   * Rewrites the SDL handed to `ApolloGateway` (and validated), e.g. to drop `for: SECURITY` from features a
   * plugin enforces. `current()` keeps the SDL as received. Default: unchanged.
   */
  prepare?(sdl: string): string;
}

/** Feeds `ApolloGateway` from a `SupergraphSource`, rejecting invalid supergraphs while the current one keeps serving. */
export interface GatewaySupergraphManager extends SupergraphManager {
  /** The supergraph being served, or undefined before the first one is loaded. */
  current(): SupergraphUpdate | undefined;
}

/**
 * Bridges a `SupergraphSource` to `ApolloGateway`'s `supergraphSdl` hook. Every SDL is validated before `update`
 * is called: an invalid one is logged and dropped, the previous one keeps serving. `@apollo/gateway` builds the new
 * schema and planner, then swaps them; operations already executing finish on the old ones.
 */
export function createSupergraphManager(options: SupergraphManagerOptions): GatewaySupergraphManager {
  const validate = options.validate ?? validateSupergraph;
  const prepare = options.prepare ?? ((sdl: string) => sdl);
  const logger = options.logger;
  let current: SupergraphUpdate | undefined;
  let pending: SupergraphUpdate | undefined;
  let update: ((sdl: string) => void) | undefined;

  // The prepared SDL of an accepted update, computed once per update.
  const prepared = new WeakMap<SupergraphUpdate, string>();

  function accept(next: SupergraphUpdate): boolean {
    let result: SupergraphValidation;
    try {
      const sdl = prepare(next.sdl);
      prepared.set(next, sdl);
      result = validate(sdl);
    } catch (error) {
      result = { ok: false, errors: [error instanceof Error ? error.message : String(error)] };
    }
    if (!result.ok) {
      logger.error(
        { rejected: next.id, serving: current?.id ?? null, errors: result.errors },
        'rejected an invalid supergraph; still serving the previous one',
      );
    }
    return result.ok;
  }

  function onUpdate(next: SupergraphUpdate): void {
    if (!update) {
      // Arrived while the first supergraph was being loaded: serve the newest instead.
      pending = next;
      return;
    }
    if (next.id === current?.id || !accept(next)) return;
    try {
      update(prepared.get(next) ?? next.sdl);
    } catch (error) {
      logger.error({ err: error, rejected: next.id, serving: current?.id }, 'the gateway refused the supergraph');
      return;
    }
    const previous = current;
    current = next;
    logger.info({ id: next.id, previous: previous?.id }, 'serving a new supergraph');
    options.onServed?.(next);
  }

  return {
    current: () => current,
    async initialize(hooks) {
      let first = await options.source.start(onUpdate);
      if (pending && pending.id !== first.id && accept(pending)) first = pending;
      if (!accept(first)) {
        await options.source.stop();
        throw new Error(`The supergraph ${first.id} is invalid; see the errors logged above.`);
      }
      update = hooks.update;
      current = first;
      logger.info({ id: first.id }, 'serving the supergraph');
      options.onServed?.(first);
      return { supergraphSdl: prepared.get(first) ?? first.sdl, cleanup: () => options.source.stop() };
    },
  };
}
