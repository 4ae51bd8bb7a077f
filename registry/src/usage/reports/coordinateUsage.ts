import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/openDatabase';
import { coordinateCounts, operationCounts, rowsOf, textList, toIso, toNumber } from './usageWindow';

/** Who still uses one coordinate: what a usage-aware schema check needs to decide whether a change breaks anyone. */
export interface CoordinateUsage {
  coordinate: string;
  requests: number;
  clients: { name: string; version: string; requests: number }[];
  /** Operations referencing it in their document, with their requests by the clients counted. */
  operations: { signature: string; name: string; type: string; requests: number; lastSeen: string | null }[];
}

/** Inputs of the coordinate usage report. */
export interface CoordinateUsageInput {
  variantId: string;
  /** Coordinates to look up (`Type.field`, `Type.field(arg:)`, `Input.field`, `Enum.VALUE`). */
  coordinates: readonly string[];
  /** Usage from this time on counts. */
  since: Date;
  /** Client names whose usage is ignored (for example internal tools). */
  excludeClients?: readonly string[];
}

/**
 * Usage since a time of each given coordinate, leaving out excluded clients: requests, the client versions and the
 * operations using it. Every requested coordinate is in the answer, with zeros when unused.
 */
export async function coordinateUsage(db: Executor, input: CoordinateUsageInput): Promise<CoordinateUsage[]> {
  if (input.coordinates.length === 0) return [];
  const coordinates = textList(input.coordinates);
  const excluded = textList(input.excludeClients ?? []);
  const clientRows = rowsOf<{ coordinate: string; client_name: string; client_version: string; requests: unknown }>(
    await db.execute(sql`
      select coordinate, client_name, client_version, sum(count) as requests
      from ${coordinateCounts(input.variantId, input.since)} as usage
      where coordinate = any(${coordinates}) and not (client_name = any(${excluded}))
      group by 1, 2, 3`),
  );
  const operationRows = rowsOf<{
    coordinate: string;
    signature: string;
    name: string;
    type: string;
    requests: unknown;
    last_seen: unknown;
  }>(
    await db.execute(sql`
      select coordinate, o.signature, o.name, o.type, sum(usage.count) as requests, o.last_seen
      from registry.usage_operations o
      cross join unnest(o.coordinates) as coordinate
      join ${operationCounts(input.variantId, input.since)} as usage on usage.signature = o.signature
      where o.variant_id = ${input.variantId} and o.coordinates && ${coordinates} and coordinate = any(${coordinates})
        and not (usage.client_name = any(${excluded}))
      group by coordinate, o.signature, o.name, o.type, o.last_seen`),
  );
  return input.coordinates.map((coordinate) => {
    const clients = clientRows
      .filter((row) => row.coordinate === coordinate)
      .map((row) => ({ name: row.client_name, version: row.client_version, requests: toNumber(row.requests) }))
      .sort((a, b) => b.requests - a.requests || a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
    const operations = operationRows
      .filter((row) => row.coordinate === coordinate)
      .map((row) => ({
        signature: row.signature,
        name: row.name,
        type: row.type,
        requests: toNumber(row.requests),
        lastSeen: toIso(row.last_seen),
      }))
      .sort((a, b) => b.requests - a.requests || a.signature.localeCompare(b.signature));
    return { coordinate, requests: clients.reduce((sum, client) => sum + client.requests, 0), clients, operations };
  });
}
