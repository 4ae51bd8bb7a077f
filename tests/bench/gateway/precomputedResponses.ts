/**
 * The answers of the "precomputed" scenarios: every subgraph response the gateways received while recording, kept
 * by subgraph, caller kind and the exact request body, so a replaying subgraph answers with a map lookup and no
 * GraphQL work, and what is measured is the gateway's own cost.
 */

/** Whether a fetch carried the gateway's signed identity (ours) or none (stock): subgraphs may answer them apart. */
export const CallerKind = { SIGNED: 'signed', ANONYMOUS: 'anonymous' } as const;
export type CallerKind = (typeof CallerKind)[keyof typeof CallerKind];

/** One recorded answer: its status and the body bytes, ready to write. */
export interface RecordedResponse {
  status: number;
  body: Buffer;
}

export interface PrecomputedResponses {
  /**
   * Keeps `response` for the request; throws when the same request was answered differently before (the scenario
   * would then depend on which answer is replayed).
   */
  record(subgraph: string, caller: CallerKind, body: string, response: RecordedResponse): void;
  /** The recorded answer, or undefined when this exact request was never recorded. */
  lookup(subgraph: string, caller: CallerKind, body: string): RecordedResponse | undefined;
  /** Number of distinct requests recorded. */
  readonly size: number;
}

/** Creates an empty store (see `PrecomputedResponses`). */
export function createPrecomputedResponses(): PrecomputedResponses {
  // Nested maps keyed by the body itself: a lookup hashes the body once and builds no combined key.
  const bySubgraph = new Map<string, Map<string, RecordedResponse>>();
  let size = 0;
  const mapOf = (subgraph: string, caller: CallerKind, create: boolean) => {
    const key = `${caller} ${subgraph}`;
    let map = bySubgraph.get(key);
    if (!map && create) {
      map = new Map();
      bySubgraph.set(key, map);
    }
    return map;
  };
  return {
    record(subgraph, caller, body, response) {
      const map = mapOf(subgraph, caller, true) as Map<string, RecordedResponse>;
      const previous = map.get(body);
      if (previous) {
        if (previous.status !== response.status || !previous.body.equals(response.body)) {
          throw new Error(`${subgraph} answered the same ${caller} request differently: ${body.slice(0, 200)}`);
        }
        return;
      }
      map.set(body, response);
      size++;
    },
    lookup(subgraph, caller, body) {
      return mapOf(subgraph, caller, false)?.get(body);
    },
    get size() {
      return size;
    },
  };
}
