import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/openDatabase';
import { type CoordinateKind, listSchemaCoordinates } from './schemaCoordinates';
import { type DailyCount, forecastZeroDate, type UsageForecast } from './trend';
import { coordinateCounts, rowsOf, textList, timestamp, toIso, toNumber, type UsageWindow } from './usageWindow';

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
  const { since, until } = input.window;
  const rows = rowsOf<{
    coordinate: string;
    client_name: string;
    client_version: string;
    day: unknown;
    requests: unknown;
    last_seen: unknown;
  }>(
    await db.execute(sql`
      select coordinate, client_name, client_version, to_char(at at time zone 'UTC', 'YYYY-MM-DD') as day,
        sum(count) as requests, max(at) as last_seen
      from ${coordinateCounts(input.variantId, since)} as usage
      where at < ${timestamp(until)} and coordinate = any(${textList(deprecated.map((element) => element.coordinate))})
      group by 1, 2, 3, 4`),
  );
  const lastDay = new Date(until.getTime() - 1).toISOString().slice(0, 10);
  const report: DeprecatedFieldInUse[] = [];
  const rowsByCoordinate = new Map<string, typeof rows>();
  for (const row of rows) {
    const list = rowsByCoordinate.get(row.coordinate);
    if (list) list.push(row);
    else rowsByCoordinate.set(row.coordinate, [row]);
  }
  for (const element of deprecated) {
    const mine = rowsByCoordinate.get(element.coordinate);
    if (!mine) continue;
    const clients = new Map<string, DeprecatedFieldInUse['clients'][number]>();
    const daily = new Map<string, number>();
    for (const row of mine) {
      const key = `${row.client_name}\u0000${row.client_version}`;
      const client = clients.get(key) ?? {
        name: row.client_name,
        version: row.client_version,
        requests: 0,
        lastSeen: null,
      };
      client.requests += toNumber(row.requests);
      const seen = toIso(row.last_seen);
      if (seen && (!client.lastSeen || seen > client.lastSeen)) client.lastSeen = seen;
      clients.set(key, client);
      const day = String(row.day);
      daily.set(day, (daily.get(day) ?? 0) + toNumber(row.requests));
    }
    const dailyCounts = [...daily.entries()]
      .map(([day, count]) => ({ day, count }))
      .sort((a, b) => a.day.localeCompare(b.day));
    const clientList = [...clients.values()].sort((a, b) => b.requests - a.requests);
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
