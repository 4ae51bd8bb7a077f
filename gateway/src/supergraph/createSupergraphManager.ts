import type { SupergraphManager } from '@apollo/gateway';
import { type DocumentNode, parse } from 'graphql';
import type { Logger } from 'pino';
import type { SupergraphSource, SupergraphUpdate } from './source';
import { type SupergraphValidation, validateSupergraph } from './validateSupergraph';

export interface SupergraphManagerOptions {
  source: SupergraphSource;
  logger: Logger;
  /** Called after a supergraph (first or later) is being served, with its SDL as received, parsed. */
  onServed?(update: SupergraphUpdate, document: DocumentNode): void;
  /** Checks a (prepared) supergraph before it is served. Default `validateSupergraph`. */
  validate?(document: DocumentNode): SupergraphValidation;
  /**
   * Rewrites the supergraph handed to `ApolloGateway` (and validated), e.g. to drop `for: SECURITY` from features
   * a plugin enforces: the parsed SDL and its text in, the rewritten document and its text out (the same ones when
   * nothing changes). `current()` keeps the SDL as received. Default: unchanged.
   */
  prepare?(document: DocumentNode, sdl: string): PreparedSupergraph;
}

/** A supergraph as `ApolloGateway` is given it: the text it parses, and the same as a document for our checks. */
export interface PreparedSupergraph {
  document: DocumentNode;
  sdl: string;
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
 *
 * Each SDL is parsed here once, and that document is what `prepare`, `validate` and `onServed` share, so a swap
 * costs one parse of ours and the one `ApolloGateway` does of the text it is handed.
 */
export function createSupergraphManager(options: SupergraphManagerOptions): GatewaySupergraphManager {
  const validate = options.validate ?? validateSupergraph;
  const prepare = options.prepare ?? ((document: DocumentNode, sdl: string) => ({ document, sdl }));
  const logger = options.logger;
  let current: SupergraphUpdate | undefined;
  let pending: SupergraphUpdate | undefined;
  let update: ((sdl: string) => void) | undefined;

  // The parse and the prepared SDL of an accepted update, computed once per update.
  const parsed = new WeakMap<SupergraphUpdate, DocumentNode>();
  const prepared = new WeakMap<SupergraphUpdate, string>();

  function accept(next: SupergraphUpdate): boolean {
    let result: SupergraphValidation;
    try {
      const document = parse(next.sdl, { noLocation: true });
      parsed.set(next, document);
      const ready = prepare(document, next.sdl);
      prepared.set(next, ready.sdl);
      result = validate(ready.document);
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

  function served(update: SupergraphUpdate): void {
    const document = parsed.get(update);
    if (document) options.onServed?.(update, document);
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
    served(next);
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
      served(first);
      return { supergraphSdl: prepared.get(first) ?? first.sdl, cleanup: () => options.source.stop() };
    },
  };
}
