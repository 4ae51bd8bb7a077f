import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/openDatabase';
import { type CoordinateKind, listSchemaCoordinates } from './schemaCoordinates';
import { computeTrend, type Trend } from './trend';
import { coordinateCounts, previousWindow, rowsOf, timestamp, toIso, toNumber, type UsageWindow } from './usageWindow';

/** Usage of one schema element of the current API schema. */
export interface FieldUsage {
  coordinate: string;
  kind: CoordinateKind;
  deprecationReason: string | null;
  /** Requests in the window that referenced it. */
  requests: number;
  /** Distinct operations (signatures) referencing it that were seen in the window. */
  operations: number;
  /** Distinct client names that used it in the window. */
  clients: number;
  /** First and last time it was used in the retained data (hour precision; day past 48 hours). */
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
  const usage = rowsOf<UsageRow>(
    await db.execute(sql`
      select coordinate,
        sum(count) filter (where at >= ${timestamp(since)} and at < ${timestamp(until)}) as requests,
        sum(count) filter (where at >= ${timestamp(previous.since)} and at < ${timestamp(since)}) as previous,
        count(distinct client_name) filter (where at >= ${timestamp(since)} and at < ${timestamp(until)}) as clients,
        min(at) as first_seen, max(at) as last_seen
      from ${coordinateCounts(input.variantId, new Date(0))} as usage
      group by coordinate`),
  );
  const operations = await countOperationsPerCoordinate(db, input.variantId, input.window);
  const byCoordinate = new Map(usage.map((row) => [row.coordinate, row]));
  return schemaCoordinates.map((element) => {
    const row = byCoordinate.get(element.coordinate);
    const requests = toNumber(row?.requests);
    return {
      ...element,
      requests,
      operations: operations.get(element.coordinate) ?? 0,
      clients: toNumber(row?.clients),
      firstSeen: toIso(row?.first_seen),
      lastSeen: toIso(row?.last_seen),
      trend: computeTrend(requests, toNumber(row?.previous)),
    };
  });
}

/** Distinct operations seen in the window per coordinate they reference. */
export async function countOperationsPerCoordinate(db: Executor, variantId: string, window: UsageWindow): Promise<Map<string, number>> {
  const rows = rowsOf<{ coordinate: string; operations: unknown }>(
    await db.execute(sql`
      select coordinate, count(*) as operations
      from registry.usage_operations, unnest(coordinates) as coordinate
      where variant_id = ${variantId} and last_seen >= ${timestamp(window.since)} and first_seen < ${timestamp(window.until)}
      group by coordinate`),
  );
  return new Map(rows.map((row) => [row.coordinate, toNumber(row.operations)]));
}
