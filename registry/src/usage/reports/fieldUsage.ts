import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/openDatabase';
import { type CoordinateKind, listSchemaCoordinates } from './schemaCoordinates';
import { computeTrend, type Trend } from './trend';
import {
  coordinateClients,
  coordinateTotals,
  previousWindow,
  rowsOf,
  timestamp,
  toIso,
  toNumber,
  type UsageWindow,
} from './usageWindow';

/** Usage of one schema element of the current API schema. */
export interface FieldUsage {
  coordinate: string;
  kind: CoordinateKind;
  deprecationReason: string | null;
  /** False for output-only enum values, which requests never name (see `SchemaCoordinate.measured`). */
  measured: boolean;
  /** Requests in the window that referenced it. */
  requests: number;
  /** Distinct operations (signatures) referencing it that were seen in the window. */
  operations: number;
  /** Distinct client names that used it in the window. */
  clients: number;
  /**
   * First and last time it was used: from the first/last seen of the operations referencing it (kept for the
   * whole retention), else from counts in this and the previous window (5-minute precision for the last 24 hours, hour to 48 hours, day past that).
   */
  firstSeen: string | null;
  lastSeen: string | null;
  /** This window against the one just before it. */
  trend: Trend;
}

/** Inputs of the field usage report. */
export interface FieldUsageInput {
  variantId: string;
  /** The current API schema of the variant. */
  apiSchemaSdl: string;
  window: UsageWindow;
}

interface UsageRow {
  coordinate: string;
  requests: unknown;
  previous: unknown;
  clients: unknown;
  first_seen: unknown;
  last_seen: unknown;
}

/**
 * Usage of every field, argument, input field and enum value of the current API schema in a window: requests,
 * operations, clients, first/last seen and the trend against the previous window. Elements nobody used are listed
 * with zeros; usage of elements no longer in the schema is left out.
 */
export async function fieldUsage(db: Executor, input: FieldUsageInput): Promise<FieldUsage[]> {
  const schemaCoordinates = listSchemaCoordinates(input.apiSchemaSdl);
  const { since, until } = input.window;
  const previous = previousWindow(input.window);
  // Sums and first/last use from the totals over clients; distinct clients from one row per (coordinate, client).
  // Both queries at once: on PostgreSQL they run on two connections.
  const [usageResult, operations] = await Promise.all([
    db.execute(sql`
      with totals as (
        select coordinate,
          sum(count) filter (where at >= ${timestamp(since)}) as requests,
          sum(count) filter (where at < ${timestamp(since)}) as previous,
          min(at) as first_seen, max(at) as last_seen
        from ${coordinateTotals(input.variantId, previous.since)} as usage
        where at < ${timestamp(until)}
        group by coordinate
      ), clients as (
        select coordinate, count(*) as clients
        from ${coordinateClients(input.variantId, input.window)} as used
        group by coordinate
      )
      select t.coordinate, t.requests, t.previous, c.clients, t.first_seen, t.last_seen
      from totals t left join clients c using (coordinate)`),
    summarizeOperationsPerCoordinate(db, input.variantId, input.window),
  ]);
  const usage = rowsOf<UsageRow>(usageResult);
  const byCoordinate = new Map(usage.map((row) => [row.coordinate, row]));
  return schemaCoordinates.map((element) => {
    const row = byCoordinate.get(element.coordinate);
    const requests = toNumber(row?.requests);
    return {
      ...element,
      requests,
      operations: operations.get(element.coordinate)?.operations ?? 0,
      clients: toNumber(row?.clients),
      firstSeen: earliest(operations.get(element.coordinate)?.firstSeen ?? null, toIso(row?.first_seen)),
      lastSeen: latest(operations.get(element.coordinate)?.lastSeen ?? null, toIso(row?.last_seen)),
      trend: computeTrend(requests, toNumber(row?.previous)),
    };
  });
}

/** Per coordinate: operations referencing it seen in the window, and when any operation referencing it was first and last seen. */
interface OperationSummary {
  operations: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

/**
 * Summarizes operations per coordinate of their documents. Operations keep their own first/last seen for the whole
 * retention, so this answers first/last seen without scanning every count ever stored.
 */
async function summarizeOperationsPerCoordinate(
  db: Executor,
  variantId: string,
  window: UsageWindow,
): Promise<Map<string, OperationSummary>> {
  const rows = rowsOf<{ coordinate: string; operations: unknown; first_seen: unknown; last_seen: unknown }>(
    await db.execute(sql`
      select coordinate,
        count(*) filter (where last_seen >= ${timestamp(window.since)} and first_seen < ${timestamp(window.until)}) as operations,
        min(first_seen) as first_seen, max(last_seen) as last_seen
      from registry.usage_operations, unnest(coordinates) as coordinate
      where variant_id = ${variantId} and first_seen < ${timestamp(window.until)}
      group by coordinate`),
  );
  return new Map(
    rows.map((row) => [
      row.coordinate,
      { operations: toNumber(row.operations), firstSeen: toIso(row.first_seen), lastSeen: toIso(row.last_seen) },
    ]),
  );
}

function earliest(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}

function latest(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
