import type { Executor } from '../../db/openDatabase';
import { listCoordinatesPerClientVersion } from '../../repositories/coordinateUsageRepository';
import { sumClientVersionRequests } from '../../repositories/operationUsageRepository';
import type { UsageWindow } from './usageWindow';

/** What one client version did in a window. */
export interface ClientVersionUsage {
  name: string;
  version: string;
  requests: number;
  errors: number;
}

/** Requests and errors per client version (name + version) in the window, busiest first. */
export async function clientVersionUsage(
  db: Executor,
  input: { variantId: string; window: UsageWindow },
): Promise<ClientVersionUsage[]> {
  return (await sumClientVersionRequests(db, input.variantId, input.window)).sort(
    (a, b) => b.requests - a.requests || a.name.localeCompare(b.name) || a.version.localeCompare(b.version),
  );
}

/**
 * The schema coordinates each client version's requests referenced in the window, sorted, keyed by `clientKey`
 * (`name\u0000version`): one query for every client.
 */
export async function clientFieldsByClient(
  db: Executor,
  input: { variantId: string; window: UsageWindow },
): Promise<Map<string, string[]>> {
  const byClient = new Map<string, string[]>();
  for (const row of await listCoordinatesPerClientVersion(db, input.variantId, input.window)) {
    const key = `${row.clientName}\u0000${row.clientVersion}`;
    const list = byClient.get(key) ?? [];
    list.push(row.coordinate);
    byClient.set(key, list);
  }
  for (const list of byClient.values()) list.sort();
  return byClient;
}

/** The schema coordinates one client version's requests referenced in the window, sorted. */
export async function clientFields(
  db: Executor,
  input: { variantId: string; window: UsageWindow; client: { name: string; version: string } },
): Promise<string[]> {
  const rows = await listCoordinatesPerClientVersion(db, input.variantId, input.window, input.client);
  return rows.map((row) => row.coordinate).sort();
}
