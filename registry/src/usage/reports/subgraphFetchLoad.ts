import type { Executor } from '../../db/openDatabase';
import { sumSubgraphFetchesByDay, sumSubgraphFetchLatency } from '../../repositories/usageSubgraphFetchRepository';
import { forecastWeek, type WeekForecast } from './forecastWeek';
import { latencyPercentile } from './operationUsage';
import type { UsageWindow } from './usageWindow';

/** Fetches and their latency of one client's requests to one subgraph. */
export interface SubgraphFetchClientLoad {
  client: string;
  fetches: number;
  errors: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

/** The load the gateways' query plans put on one subgraph in a window, measured from their fetches. */
export interface SubgraphFetchLoad extends Omit<SubgraphFetchClientLoad, 'client'> {
  subgraph: string;
  /** Busiest client first. */
  clients: SubgraphFetchClientLoad[];
  /** Fetches per UTC day of the window, oldest first, empty days included. */
  daily: { day: string; fetches: number }[];
  forecast: WeekForecast;
}

const DAY_MS = 86_400_000;

/** The UTC days `[since, until)` touches, as `YYYY-MM-DD`. */
function daysOf(window: UsageWindow): string[] {
  const days: string[] = [];
  const first = Math.floor(window.since.getTime() / DAY_MS);
  const last = Math.ceil(window.until.getTime() / DAY_MS);
  for (let day = first; day < last; day++) days.push(new Date(day * DAY_MS).toISOString().slice(0, 10));
  return days;
}

function isWholeDay(day: string, window: UsageWindow): boolean {
  const start = Date.parse(`${day}T00:00:00Z`);
  return start >= window.since.getTime() && start + DAY_MS <= window.until.getTime();
}

function withPercentiles(histogram: readonly number[]) {
  return {
    p50Ms: latencyPercentile(histogram, 0.5),
    p95Ms: latencyPercentile(histogram, 0.95),
    p99Ms: latencyPercentile(histogram, 0.99),
  };
}

function addHistogram(into: number[], from: readonly number[]): void {
  from.forEach((count, slot) => {
    into[slot] = (into[slot] ?? 0) + count;
  });
}

/**
 * Per subgraph, the fetches gateways sent it in the window (from the executed query plans' fetch nodes, as
 * reported per operation and client), their errors and latency, split by client name, the daily trend and the
 * forecast of the next 7 days' fetches (`forecastWeek`), busiest subgraph first.
 */
export async function subgraphFetchLoad(
  db: Executor,
  input: { variantId: string; window: UsageWindow },
): Promise<SubgraphFetchLoad[]> {
  const [days, latencies] = await Promise.all([
    sumSubgraphFetchesByDay(db, input.variantId, input.window),
    sumSubgraphFetchLatency(db, input.variantId, input.window),
  ]);
  const windowDays = daysOf(input.window);
  const loads = new Map<string, { clients: Map<string, SubgraphFetchClientLoad>; perDay: Map<string, number> }>();
  const loadOf = (subgraph: string) => {
    let load = loads.get(subgraph);
    if (!load) {
      load = { clients: new Map(), perDay: new Map() };
      loads.set(subgraph, load);
    }
    return load;
  };
  for (const row of days) {
    const load = loadOf(row.subgraph);
    const client = load.clients.get(row.clientName) ?? {
      client: row.clientName,
      fetches: 0,
      errors: 0,
      p50Ms: null,
      p95Ms: null,
      p99Ms: null,
    };
    client.fetches += row.fetches;
    client.errors += row.errors;
    load.clients.set(row.clientName, client);
    load.perDay.set(row.day, (load.perDay.get(row.day) ?? 0) + row.fetches);
  }
  const histograms = new Map<string, number[]>();
  for (const row of latencies) {
    const client = loads.get(row.subgraph)?.clients.get(row.clientName);
    if (client) Object.assign(client, withPercentiles(row.latencyHistogram));
    const total = histograms.get(row.subgraph) ?? [];
    addHistogram(total, row.latencyHistogram);
    histograms.set(row.subgraph, total);
  }
  const result = [...loads].map(([subgraph, load]): SubgraphFetchLoad => {
    const clients = [...load.clients.values()].sort(
      (a, b) => b.fetches - a.fetches || a.client.localeCompare(b.client),
    );
    const daily = windowDays.map((day) => ({ day, fetches: load.perDay.get(day) ?? 0 }));
    return {
      subgraph,
      fetches: clients.reduce((sum, client) => sum + client.fetches, 0),
      errors: clients.reduce((sum, client) => sum + client.errors, 0),
      ...withPercentiles(histograms.get(subgraph) ?? []),
      clients,
      daily,
      // Only whole days: a window's first and last days are usually partial, and would bend the line.
      forecast: forecastWeek(
        daily.filter((point) => isWholeDay(point.day, input.window)).map((point) => point.fetches),
      ),
    };
  });
  return result.sort((a, b) => b.fetches - a.fetches || a.subgraph.localeCompare(b.subgraph));
}
