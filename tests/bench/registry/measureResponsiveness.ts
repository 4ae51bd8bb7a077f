/** Latencies of requests answered while some work ran, and what the process spent meanwhile. */
export interface Responsiveness {
  /** Milliseconds each `/health` request took, issued one after another while the work ran. */
  health: number[];
  /** Milliseconds each supergraph poll took, likewise. */
  poll: number[];
  /** How long the work took, in milliseconds. */
  workMs: number;
  /** CPU the whole process (all threads) used while the work ran, in milliseconds. */
  cpuMs: number;
  /** Largest resident set size seen while the work ran, in bytes. */
  peakRss: number;
}

/**
 * Runs `work` while two clients call `/health` and the supergraph endpoint back to back, each request sent when the
 * previous one is answered, and records every latency of a request sent before the work ended.
 */
export async function measureResponsiveness(
  target: { url: string; token: string; graph: string; variant: string },
  work: () => Promise<void>,
): Promise<Responsiveness> {
  const samples = { health: [] as number[], poll: [] as number[] };
  let peakRss = process.memoryUsage.rss();
  let running = true;
  const loop = async (path: string, into: number[], headers: Record<string, string>) => {
    while (running) {
      const started = performance.now();
      const response = await fetch(`${target.url}${path}`, { headers });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${path} answered ${response.status}`);
      into.push(performance.now() - started);
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }
  };
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const clients = Promise.all([
    loop('/health', samples.health, {}),
    loop(`/v1/graphs/${target.graph}/variants/${target.variant}/supergraph`, samples.poll, {
      authorization: `Bearer ${target.token}`,
    }),
  ]);
  await work();
  const workMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  running = false;
  await clients;
  return { ...samples, workMs, cpuMs: (cpu.user + cpu.system) / 1000, peakRss };
}

/** The `p`-th percentile (0–100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}
