import type { Executor } from '../../db/openDatabase';
import { sumCoordinateUsage } from '../../repositories/coordinateUsageRepository';
import { type CoordinateKind, listSchemaCoordinates } from './schemaCoordinates';
import { type DailyCount, forecastZeroDate, type UsageForecast } from './trend';
import type { UsageWindow } from './usageWindow';

/** A deprecated element still in use, who uses it and when its usage is expected to reach zero. */
export interface DeprecatedFieldInUse {
  coordinate: string;
  kind: CoordinateKind;
  deprecationReason: string;
  requests: number;
  lastSeen: string | null;
  clients: { name: string; version: string; requests: number; lastSeen: string | null }[];
  /** Requests per UTC day in the window. */
  daily: DailyCount[];
  /** Least-squares fit of `daily`; `zeroDate` is null when usage is not declining. */
  forecast: UsageForecast | null;
}

/** Inputs of the deprecated-fields-in-use report. */
export interface DeprecatedFieldsInUseInput {
  variantId: string;
  apiSchemaSdl: string;
  window: UsageWindow;
}

/**
 * Deprecated fields, arguments, input fields and enum values of the current API schema that requests still used
 * in the window, with the client versions using them and a forecast of the day their usage reaches zero, most
 * used first.
 */
export async function deprecatedFieldsInUse(
  db: Executor,
  input: DeprecatedFieldsInUseInput,
): Promise<DeprecatedFieldInUse[]> {
  const deprecated = listSchemaCoordinates(input.apiSchemaSdl).filter((element) => element.deprecationReason !== null);
  if (deprecated.length === 0) return [];
  const usage = await sumCoordinateUsage(db, input.variantId, {
    coordinates: deprecated.map((element) => element.coordinate),
    range: input.window,
    byDay: true,
  });
  const lastDay = new Date(input.window.until.getTime() - 1).toISOString().slice(0, 10);
  const clientsByCoordinate = groupBy(usage.byClient, (row) => row.coordinate);
  const daysByCoordinate = groupBy(usage.byDay, (row) => row.coordinate);
  const report: DeprecatedFieldInUse[] = [];
  for (const element of deprecated) {
    const clients = clientsByCoordinate.get(element.coordinate);
    if (!clients) continue;
    const clientList = clients
      .map((row) => ({
        name: row.clientName,
        version: row.clientVersion,
        requests: row.requests,
        lastSeen: row.lastSeen,
      }))
      .sort((a, b) => b.requests - a.requests);
    const dailyCounts = (daysByCoordinate.get(element.coordinate) ?? [])
      .map((row) => ({ day: row.day, count: row.requests }))
      .sort((a, b) => a.day.localeCompare(b.day));
    report.push({
      coordinate: element.coordinate,
      kind: element.kind,
      deprecationReason: element.deprecationReason ?? '',
      requests: clientList.reduce((sum, client) => sum + client.requests, 0),
      lastSeen: clientList.reduce<string | null>(
        (latest, c) => (c.lastSeen && (!latest || c.lastSeen > latest) ? c.lastSeen : latest),
        null,
      ),
      clients: clientList,
      daily: dailyCounts,
      forecast: forecastZeroDate(dailyCounts, lastDay),
    });
  }
  return report.sort((a, b) => b.requests - a.requests);
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}
