import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/openDatabase';
import { operationCounts, rowsOf, timestamp, toNumber, type UsageWindow } from './usageWindow';

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
  const { since, until } = input.window;
  const rows = rowsOf<{ subgraph: string; client_name: string; client_version: string; requests: unknown }>(
    await db.execute(sql`
      select subgraph, usage.client_name, usage.client_version, sum(usage.count) as requests
      from ${operationCounts(input.variantId, since)} as usage
      join registry.usage_operations o on o.variant_id = ${input.variantId} and o.signature = usage.signature
      cross join unnest(o.subgraphs) as subgraph
      where usage.at < ${timestamp(until)}
      group by subgraph, usage.client_name, usage.client_version`),
  );
  const bySubgraph = new Map<string, SubgraphVolume>();
  for (const row of rows) {
    const entry = bySubgraph.get(row.subgraph) ?? { subgraph: row.subgraph, requests: 0, clients: [] };
    const requests = toNumber(row.requests);
    entry.requests += requests;
    entry.clients.push({ name: row.client_name, version: row.client_version, requests });
    bySubgraph.set(row.subgraph, entry);
  }
  const volumes = [...bySubgraph.values()];
  for (const volume of volumes)
    volume.clients.sort(
      (a, b) => b.requests - a.requests || a.name.localeCompare(b.name) || a.version.localeCompare(b.version),
    );
  return volumes.sort((a, b) => b.requests - a.requests || a.subgraph.localeCompare(b.subgraph));
}
