/** One loaded supergraph: its SDL and an id that changes whenever the SDL does (a hash, or a registry version). */
export interface SupergraphUpdate {
  sdl: string;
  id: string;
}

/**
 * Where the gateway's supergraph comes from: a watched file, or the registry (see `@switchyard/registry-client`,
 * which implements this shape). `start` resolves with the first supergraph and then calls `onUpdate` for every
 * later change; the gateway validates each update and keeps serving the old one when it is invalid.
 */
export interface SupergraphSource {
  start(onUpdate: (update: SupergraphUpdate) => void): Promise<SupergraphUpdate>;
  stop(): Promise<void>;
}
