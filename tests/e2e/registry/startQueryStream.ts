/** One request of a stream and what came back. */
export interface StreamOutcome {
  status: number;
  /** The response's `errors`, or a transport failure's message, when there were any. */
  errors?: unknown;
}

/** Queries running in a loop until stopped. */
export interface QueryStream {
  /** Every outcome so far, in completion order. */
  readonly outcomes: readonly StreamOutcome[];
  /** Lets each worker finish its request in flight, then resolves with every outcome. */
  stop(): Promise<StreamOutcome[]>;
}

/**
 * Starts `workers` (default 4) concurrent loops that each post `query` to `url` again as soon as the previous answer
 * arrived, recording the status and any `errors` of every answer (a failed fetch counts as status 0).
 */
export function startQueryStream(url: string, query: string, workers = 4): QueryStream {
  const outcomes: StreamOutcome[] = [];
  let running = true;
  const body = JSON.stringify({ query });
  async function loop(): Promise<void> {
    while (running) {
      try {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const answer = (await response.json()) as { errors?: unknown[] };
        outcomes.push({ status: response.status, errors: answer.errors });
      } catch (error) {
        outcomes.push({ status: 0, errors: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  const loops = Array.from({ length: workers }, () => loop());
  return {
    outcomes,
    async stop() {
      running = false;
      await Promise.all(loops);
      return outcomes;
    },
  };
}
