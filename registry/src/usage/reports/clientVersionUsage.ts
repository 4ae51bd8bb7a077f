import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/openDatabase';
import { coordinateCounts, operationCounts, rowsOf, timestamp, toNumber, type UsageWindow } from './usageWindow';

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
  const rows = rowsOf<{ client_name: string; client_version: string; requests: unknown; errors: unknown }>(
    await db.execute(sql`
      select client_name, client_version, sum(count) as requests, sum(errors) as errors
      from ${operationCounts(input.variantId, input.window.since)} as usage
      where at < ${timestamp(input.window.until)}
      group by client_name, client_version`),
  );
  return rows
    .map((row) => ({
      name: row.client_name,
      version: row.client_version,
      requests: toNumber(row.requests),
      errors: toNumber(row.errors),
    }))
    .sort((a, b) => b.requests - a.requests || a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

/**
 * The schema coordinates each client version's requests referenced in the window, sorted, keyed by `clientKey`
 * (`name\u0000version`): one query for every client.
 */
export async function clientFieldsByClient(
  db: Executor,
  input: { variantId: string; window: UsageWindow },
): Promise<Map<string, string[]>> {
  const rows = rowsOf<{ client_name: string; client_version: string; coordinate: string }>(
    await db.execute(sql`
      select client_name, client_version, coordinate
      from ${coordinateCounts(input.variantId, input.window.since)} as usage
      where at < ${timestamp(input.window.until)}
      group by client_name, client_version, coordinate`),
  );
  const byClient = new Map<string, string[]>();
  for (const row of rows) {
    const key = `${row.client_name}\u0000${row.client_version}`;
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
  const rows = rowsOf<{ coordinate: string }>(
    await db.execute(sql`
      select distinct coordinate
      from ${coordinateCounts(input.variantId, input.window.since)} as usage
      where at < ${timestamp(input.window.until)} and client_name = ${input.client.name} and client_version = ${input.client.version}`),
  );
  return rows.map((row) => row.coordinate).sort();
}
