import type { Executor } from '../../db/openDatabase';
import {
  countClientsPerCoordinate,
  sumCoordinateTotals,
  summarizeOperationsPerCoordinate,
} from '../../repositories/coordinateUsageRepository';
import { type CoordinateKind, listSchemaCoordinates } from './schemaCoordinates';
import { computeTrend, type Trend } from './trend';
import { previousWindow, type UsageWindow } from './usageWindow';

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

/**
 * Usage of every field, argument, input field and enum value of the current API schema in a window: requests,
 * operations, clients, first/last seen and the trend against the previous window. Elements nobody used are listed
 * with zeros; usage of elements no longer in the schema is left out.
 */
export async function fieldUsage(db: Executor, input: FieldUsageInput): Promise<FieldUsage[]> {
  const schemaCoordinates = listSchemaCoordinates(input.apiSchemaSdl);
  // Sums and first/last use from the totals over clients, distinct clients from one row per (coordinate, client),
  // operations from their own rows: three queries at once, which PostgreSQL runs on three connections.
  const [totals, clients, operations] = await Promise.all([
    sumCoordinateTotals(db, input.variantId, input.window, previousWindow(input.window).since),
    countClientsPerCoordinate(db, input.variantId, input.window),
    summarizeOperationsPerCoordinate(db, input.variantId, input.window),
  ]);
  const byCoordinate = new Map(totals.map((row) => [row.coordinate, row]));
  return schemaCoordinates.map((element) => {
    const row = byCoordinate.get(element.coordinate);
    const operation = operations.get(element.coordinate);
    const requests = row?.requests ?? 0;
    return {
      ...element,
      requests,
      operations: operation?.operations ?? 0,
      clients: clients.get(element.coordinate) ?? 0,
      firstSeen: earliest(operation?.firstSeen ?? null, row?.firstSeen ?? null),
      lastSeen: latest(operation?.lastSeen ?? null, row?.lastSeen ?? null),
      trend: computeTrend(requests, row?.previous ?? 0),
    };
  });
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
