import { LATENCY_HISTOGRAM_SIZE, latencyBucketOf, UsageReportLimits } from '@switchyard/registry-client/usage';

/** The fetches a request's query plan sent to one subgraph: how many, how many failed, and how long each took. */
export interface SubgraphFetchTally {
  fetches: number;
  /** Fetches that failed: no answer, an HTTP error, or GraphQL errors in the subgraph's answer. */
  errors: number;
  /** Fetches per latency bucket (`LATENCY_BUCKETS_MS`, the same as requests'). */
  latencyHistogram: number[];
}

/** Fetches per subgraph name. */
export type SubgraphFetchTallies = Map<string, SubgraphFetchTally>;

function tallyOf(tallies: SubgraphFetchTallies, subgraph: string): SubgraphFetchTally | undefined {
  let tally = tallies.get(subgraph);
  // The contract takes at most this many subgraphs per entry; a supergraph has far fewer.
  if (!tally && tallies.size < UsageReportLimits.maxSubgraphsPerOperation) {
    tally = { fetches: 0, errors: 0, latencyHistogram: new Array<number>(LATENCY_HISTOGRAM_SIZE).fill(0) };
    tallies.set(subgraph, tally);
  }
  return tally;
}

/** Counts one fetch of a plan's fetch node to `subgraph`. */
export function countSubgraphFetch(
  tallies: SubgraphFetchTallies,
  subgraph: string,
  durationMs: number,
  failed: boolean,
): void {
  const tally = tallyOf(tallies, subgraph);
  if (!tally) return;
  tally.fetches++;
  if (failed) tally.errors++;
  const bucket = latencyBucketOf(durationMs);
  tally.latencyHistogram[bucket] = (tally.latencyHistogram[bucket] ?? 0) + 1;
}

/** Adds `from` into `into` (a request's fetches into its usage entry). */
export function addSubgraphFetches(into: SubgraphFetchTallies, from: ReadonlyMap<string, SubgraphFetchTally>): void {
  for (const [subgraph, fetched] of from) {
    const tally = tallyOf(into, subgraph);
    if (!tally) continue;
    tally.fetches += fetched.fetches;
    tally.errors += fetched.errors;
    for (let slot = 0; slot < LATENCY_HISTOGRAM_SIZE; slot++) {
      tally.latencyHistogram[slot] = (tally.latencyHistogram[slot] ?? 0) + (fetched.latencyHistogram[slot] ?? 0);
    }
  }
}
