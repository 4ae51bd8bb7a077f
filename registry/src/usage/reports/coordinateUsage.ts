import type { Executor } from '../../db/openDatabase';
import { sumCoordinateOperationRequests, sumCoordinateUsage } from '../../repositories/coordinateUsageRepository';

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
  /** Usage before this time counts; without it, up to now. */
  until?: Date;
  /** Client names whose usage is ignored (for example internal tools). */
  excludeClients?: readonly string[];
}

/**
 * Usage since a time of each given coordinate, leaving out excluded clients: requests, the client versions and the
 * operations using it. Every requested coordinate is in the answer, with zeros when unused.
 */
export async function coordinateUsage(db: Executor, input: CoordinateUsageInput): Promise<CoordinateUsage[]> {
  if (input.coordinates.length === 0) return [];
  const range = { since: input.since, until: input.until };
  // One after the other: checks run this inside a publish's transaction, one connection.
  const usage = await sumCoordinateUsage(db, input.variantId, {
    coordinates: input.coordinates,
    range,
    excludeClients: input.excludeClients,
  });
  const operationRows = await sumCoordinateOperationRequests(db, input.variantId, input);
  const clientRows = usage.byClient;
  return input.coordinates.map((coordinate) => {
    const clients = clientRows
      .filter((row) => row.coordinate === coordinate)
      .map((row) => ({ name: row.clientName, version: row.clientVersion, requests: row.requests }))
      .sort((a, b) => b.requests - a.requests || a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
    const operations = operationRows
      .filter((row) => row.coordinate === coordinate)
      .map(({ signature, name, type, requests, lastSeen }) => ({ signature, name, type, requests, lastSeen }))
      .sort((a, b) => b.requests - a.requests || a.signature.localeCompare(b.signature));
    return { coordinate, requests: clients.reduce((sum, client) => sum + client.requests, 0), clients, operations };
  });
}
