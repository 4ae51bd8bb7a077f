import type { Executor } from '../../db/openDatabase';
import { findFieldOwners } from '../../ownership/findFieldOwners';
import { findCoordinateOperations, sumCoordinateUsage } from '../../repositories/coordinateUsageRepository';
import { findDeprecationVersion } from '../../repositories/supergraphVersionRepository';
import { type CoordinateKind, listSchemaCoordinates } from './schemaCoordinates';
import { ForecastStatus, forecastZeroDate, type UsageForecast } from './trend';
import type { UsageWindow } from './usageWindow';

/** One client version's use of a field: its requests and the operations it sent that reference the field. */
export interface FieldClientUse {
  name: string;
  version: string;
  requests: number;
  lastSeen: string | null;
  operations: { signature: string; name: string; type: string; requests: number }[];
}

/** Everything the page shows about one schema element. */
export interface FieldDetail {
  coordinate: string;
  kind: CoordinateKind;
  /** Subgraphs resolving it (for arguments: their field's); empty for input fields and enum values. */
  subgraphs: string[];
  deprecationReason: string | null;
  /** The version that deprecated it (or added it already deprecated), when a stored change says so. */
  deprecatedIn: { version: number; createdAt: string } | null;
  requests: number;
  /** Exact first and last time an operation referencing it was seen (whole retention). */
  firstSeen: string | null;
  lastSeen: string | null;
  clients: FieldClientUse[];
  /** NOT_ENOUGH_DATA with 0 days when it was not used in the window. */
  forecast: UsageForecast;
}

/** Inputs of the field detail report. */
export interface FieldDetailInput {
  variantId: string;
  apiSchemaSdl: string;
  supergraphSdl: string;
  window: UsageWindow;
  coordinate: string;
}

/**
 * One field, argument, input field or enum value of the current API schema: who owns it, whether and since when it
 * is deprecated, the client versions that used it in the window with their operations, and (deprecated or not) the
 * forecast of the day its usage reaches zero. Undefined when the schema has no such element.
 */
export async function fieldDetail(db: Executor, input: FieldDetailInput): Promise<FieldDetail | undefined> {
  const element = listSchemaCoordinates(input.apiSchemaSdl).find((entry) => entry.coordinate === input.coordinate);
  if (!element) return undefined;
  const [usage, operations, deprecatedIn] = await Promise.all([
    sumCoordinateUsage(db, input.variantId, { coordinates: [element.coordinate], range: input.window, byDay: true }),
    findCoordinateOperations(db, input.variantId, { coordinate: element.coordinate, window: input.window }),
    element.deprecationReason === null ? undefined : findDeprecationVersion(db, input.variantId, element.coordinate),
  ]);
  const field = element.coordinate.replace(/\(.*$/, '');
  const owners = findFieldOwners(input.supergraphSdl).owners.get(field);
  const clients: FieldClientUse[] = usage.byClient
    .map((row) => ({
      name: row.clientName,
      version: row.clientVersion,
      requests: row.requests,
      lastSeen: row.lastSeen,
      operations: operations.operations
        .filter((entry) => entry.clientName === row.clientName && entry.clientVersion === row.clientVersion)
        .map(({ signature, name, type, requests }) => ({ signature, name, type, requests }))
        .sort((a, b) => b.requests - a.requests || a.name.localeCompare(b.name)),
    }))
    .sort((a, b) => b.requests - a.requests || a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  const daily = usage.byDay
    .map((row) => ({ day: row.day, count: row.requests }))
    .sort((a, b) => a.day.localeCompare(b.day));
  const lastDay = new Date(input.window.until.getTime() - 1).toISOString().slice(0, 10);
  return {
    coordinate: element.coordinate,
    kind: element.kind,
    subgraphs: owners ? [...owners].sort() : [],
    deprecationReason: element.deprecationReason,
    deprecatedIn: deprecatedIn
      ? { version: deprecatedIn.version, createdAt: deprecatedIn.createdAt.toISOString() }
      : null,
    requests: clients.reduce((sum, client) => sum + client.requests, 0),
    firstSeen: operations.firstSeen,
    lastSeen: operations.lastSeen,
    clients,
    forecast: forecastZeroDate(daily, lastDay) ?? {
      status: ForecastStatus.NOT_ENOUGH_DATA,
      days: 0,
      slope: 0,
      intercept: 0,
      zeroDate: null,
    },
  };
}
