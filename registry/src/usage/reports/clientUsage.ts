import type { Executor } from '../../db/openDatabase';
import { countCoordinatesPerClient } from '../../repositories/coordinateUsageRepository';
import { summarizeClients } from '../../repositories/operationUsageRepository';
import type { UsageWindow } from './usageWindow';
/** What one client (by name) did in a window. */
export interface ClientUsage {
  name: string;
  /** Versions seen, newest data first is not implied: sorted by name. */
  versions: string[];
  requests: number;
  errors: number;
  /** Distinct operations (signatures) it sent. */
  operations: number;
  /** Distinct schema coordinates its requests (one or more in the window) referenced. */
  fields: number;
}

/** Per client name: its versions, requests, errors, distinct operations and distinct fields in the window, busiest first. */
export async function clientUsage(
  db: Executor,
  input: { variantId: string; window: UsageWindow },
): Promise<ClientUsage[]> {
  // Both queries at once: on PostgreSQL they run on two connections.
  const [clients, fields] = await Promise.all([
    summarizeClients(db, input.variantId, input.window),
    countCoordinatesPerClient(db, input.variantId, input.window),
  ]);
  return clients
    .map((client) => ({ ...client, fields: fields.get(client.name) ?? 0 }))
    .sort((a, b) => b.requests - a.requests || a.name.localeCompare(b.name));
}
