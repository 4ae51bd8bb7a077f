import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/openDatabase';
import { coordinateClients, operationCounts, rowsOf, timestamp, toNumber, type UsageWindow } from './usageWindow';

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
  const { since, until } = input.window;
  // Both queries at once: on PostgreSQL they run on two connections.
  const [operationResult, fieldResult] = await Promise.all([
    // Two-stage grouping (hash aggregates) rather than count(distinct …) over every row.
    db.execute(sql`
      with per_operation as (
        select client_name, client_version, signature, sum(count) as requests, sum(errors) as errors
        from ${operationCounts(input.variantId, since)} as usage
        where at < ${timestamp(until)}
        group by client_name, client_version, signature
      )
      select client_name as name, array_agg(distinct client_version order by client_version) as versions,
        sum(requests) as requests, sum(errors) as errors, count(distinct signature) as operations
      from per_operation
      group by client_name`),
    db.execute(sql`
      select client_name as name, count(*) as fields
      from ${coordinateClients(input.variantId, input.window)} as used
      group by client_name`),
  ]);
  const operations = rowsOf<{
    name: string;
    versions: string[];
    requests: unknown;
    errors: unknown;
    operations: unknown;
  }>(operationResult);
  const fields = rowsOf<{ name: string; fields: unknown }>(fieldResult);
  const fieldsByClient = new Map(fields.map((row) => [row.name, toNumber(row.fields)]));
  return operations
    .map((row) => ({
      name: row.name,
      versions: row.versions,
      requests: toNumber(row.requests),
      errors: toNumber(row.errors),
      operations: toNumber(row.operations),
      fields: fieldsByClient.get(row.name) ?? 0,
    }))
    .sort((a, b) => b.requests - a.requests || a.name.localeCompare(b.name));
}
