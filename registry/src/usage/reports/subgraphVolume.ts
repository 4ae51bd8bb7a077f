import type { Executor } from '../../db/openDatabase';
import { sumSubgraphRequests } from '../../repositories/operationUsageRepository';
import type { UsageWindow } from './usageWindow';

/** Requests a subgraph served in a window, in total and per client version. */
export interface SubgraphVolume {
  subgraph: string;
  requests: number;
  clients: { name: string; version: string; requests: number }[];
}

/**
 * Request volume per subgraph (a request counts for every subgraph its operation needs), split by client version,
 * busiest subgraph first.
 */
export async function subgraphVolume(
  db: Executor,
  input: { variantId: string; window: UsageWindow },
): Promise<SubgraphVolume[]> {
  const rows = await sumSubgraphRequests(db, input.variantId, input.window);
  const bySubgraph = new Map<string, SubgraphVolume>();
  for (const row of rows) {
    const entry = bySubgraph.get(row.subgraph) ?? { subgraph: row.subgraph, requests: 0, clients: [] };
    const requests = row.requests;
    entry.requests += requests;
    entry.clients.push({ name: row.clientName, version: row.clientVersion, requests });
    bySubgraph.set(row.subgraph, entry);
  }
  const volumes = [...bySubgraph.values()];
  for (const volume of volumes)
    volume.clients.sort(
      (a, b) => b.requests - a.requests || a.name.localeCompare(b.name) || a.version.localeCompare(b.version),
    );
  return volumes.sort((a, b) => b.requests - a.requests || a.subgraph.localeCompare(b.subgraph));
}
