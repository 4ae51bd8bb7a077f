import { buildASTSchema, getNamedType, isInputObjectType, isInterfaceType, isObjectType, parse } from 'graphql';
import { Criticality, type SchemaChange } from '../changes/types';
import type { CheckCostSettings } from '../costs/checkCostSettings';
import type { Executor } from '../db/openDatabase';
import { ErrorCode, SwitchyardError } from '../errors';
import { sumRequestsSince } from '../repositories/operationUsageRepository';
import { findDocumentsUsing } from '../repositories/persistedDocumentRepository';
import { type CoordinateUsage, coordinateUsage } from '../usage/reports/coordinateUsage';
import { parseDuration } from '../usage/reports/parseUsageWindow';
import { listSchemaCoordinates } from '../usage/reports/schemaCoordinates';

/** The registry-wide defaults of usage-aware checks (`CHECK_USAGE_*` settings). */
export interface CheckUsageDefaults {
  /** How far back usage counts, as a duration (`24h`, `7d`, `30d`). Default `7d`. */
  usageWindow: string;
  /** Requests in the window from which a breaking change blocks. Default 1: any use blocks. */
  minRequests: number;
  /** Share of the variant's requests in the window (percent) a breaking change must also reach to block. Default 0. */
  minPercent: number;
  /**
   * Let breaking changes through when the variant received no usage at all in the window. Default false: without
   * usage nothing shows a breaking change is safe (no gateway reporting, a wrong variant), so they block.
   */
  allowNoUsage: boolean;
  /** How operations' costs are compared (`CHECK_COST_*`); `defaultCheckCost` when omitted. */
  cost?: CheckCostSettings;
}

/** The defaults `loadConfig` applies; used when a caller passes none. */
export const defaultCheckUsage: CheckUsageDefaults = {
  usageWindow: '7d',
  minRequests: 1,
  minPercent: 0,
  allowNoUsage: false,
};

/** What one check asks for: the defaults, optionally overridden per check. */
export interface CheckUsageOptions extends CheckUsageDefaults {
  /** Client names whose usage is ignored (internal tools, test clients). */
  excludeClients: readonly string[];
  /** Also block every breaking change whose affected elements were not deprecated in the served schema first. */
  strict: boolean;
}

/** Who still uses what a breaking change affects, in the check window. */
export interface ChangeUsage {
  /** Requests of the busiest affected coordinate. */
  requests: number;
  /** `requests` as a share of the variant's requests in the window, in percent; null without traffic. */
  percent: number | null;
  clients: { name: string; version: string; requests: number }[];
  operations: { name: string | null; signature: string; requests: number }[];
  /** Excluded clients that used what the change affects in the window (their usage is not counted above). */
  excludedClients: string[];
  /**
   * Persisted documents of published client versions (excluded clients left out) that select what the change
   * affects: they block whatever the traffic, since an app version in review has not sent a request yet. Absent in
   * checks stored before documents were kept.
   */
  documents?: PersistedDocumentUse[];
}

/** A persisted document that selects what a breaking change affects, named as a check shows it. */
export interface PersistedDocumentUse {
  client: string;
  clientVersion: string;
  id: string;
  /** The operation's name; null for an anonymous one. */
  name: string | null;
}

/** A schema change as a check reports it: whether it blocks, and for breaking changes, their usage. */
export interface CheckedSchemaChange extends SchemaChange {
  /** True when this change makes the check fail. */
  blocking: boolean;
  /** Usage of the affected coordinates in the check window; null for changes that are not breaking. */
  usage?: ChangeUsage | null;
}

/**
 * Merges a check's own settings over the registry's defaults, refusing a window that is not a duration with
 * `BAD_USER_INPUT`.
 */
export function resolveCheckUsageOptions(
  defaults: CheckUsageDefaults,
  input: {
    usageWindow?: string | null;
    excludeClients?: readonly string[] | null;
    strict?: boolean | null;
    allowNoUsage?: boolean | null;
  },
): CheckUsageOptions {
  const usageWindow = input.usageWindow ?? defaults.usageWindow;
  if (parseDuration(usageWindow) === undefined) {
    throw new SwitchyardError(
      ErrorCode.BAD_USER_INPUT,
      `usageWindow must be a duration like 24h, 7d or 30d; got "${usageWindow}".`,
      {
        argument: 'usageWindow',
      },
    );
  }
  return {
    ...defaults,
    usageWindow,
    excludeClients: input.excludeClients ?? [],
    strict: input.strict ?? false,
    allowNoUsage: input.allowNoUsage || defaults.allowNoUsage,
  };
}

/**
 * The coordinates a change affects, named as the gateway's usage collector names them (`Type.field`,
 * `Type.field(arg:)`, `Input.field`, `Enum.VALUE`), looked up in the served API schema where the change's own
 * coordinate is a type: a removed or re-kinded type affects all its fields (or input fields, or values); a required
 * input field added affects every argument and input field of that input type; a union losing a member or a type
 * losing an interface affects the fields returning that union or interface. Empty when it cannot be told (e.g. a
 * removed directive): such a change keeps blocking.
 */
export function affectedCoordinates(change: SchemaChange, servedApiSdl: string): string[] {
  const coordinate = change.coordinate;
  switch (change.type) {
    case 'FIELD_REMOVED':
    case 'FIELD_TYPE_CHANGED':
    case 'FIELD_ARGUMENT_REMOVED':
    case 'FIELD_ARGUMENT_TYPE_CHANGED':
    case 'INPUT_FIELD_REMOVED':
    case 'INPUT_FIELD_TYPE_CHANGED':
    case 'ENUM_VALUE_REMOVED':
      return [coordinate];
    case 'FIELD_ARGUMENT_ADDED':
      // A new required argument breaks every operation selecting the field.
      return [coordinate.replace(/\(\w+:\)$/, '')];
    case 'TYPE_REMOVED':
    case 'TYPE_KIND_CHANGED':
      return listSchemaCoordinates(servedApiSdl)
        .map((element) => element.coordinate)
        .filter((element) => element.startsWith(`${coordinate}.`));
    case 'INPUT_FIELD_ADDED':
      return coordinatesOfType(servedApiSdl, coordinate.split('.')[0] ?? coordinate);
    case 'UNION_MEMBER_REMOVED':
    case 'OBJECT_TYPE_INTERFACE_REMOVED':
      return coordinatesOfType(servedApiSdl, coordinate);
    default:
      return [];
  }
}

/** Fields, arguments and input fields whose type is `typeName` in the schema (what reaches that type). */
function coordinatesOfType(sdl: string, typeName: string): string[] {
  const schema = buildASTSchema(parse(sdl), { assumeValidSDL: true });
  const found: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (getNamedType(field.type).name === typeName) found.push(`${type.name}.${field.name}`);
        for (const arg of field.args) {
          if (getNamedType(arg.type).name === typeName) found.push(`${type.name}.${field.name}(${arg.name}:)`);
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (getNamedType(field.type).name === typeName) found.push(`${type.name}.${field.name}`);
      }
    }
  }
  return found;
}

/** Inputs of `applyUsageToChanges`. */
export interface ApplyUsageInput {
  variantId: string;
  changes: readonly SchemaChange[];
  /** The API schema the variant serves now (what the changes are against). */
  servedApiSdl: string | null;
  options: CheckUsageOptions;
  now?: Date;
}

/** What `applyUsageToChanges` decided. */
export interface UsageDecision {
  changes: CheckedSchemaChange[];
  /**
   * True when the variant received no usage at all in the window (from any client) and `allowNoUsage` is off:
   * every breaking change then blocks, whatever it affects.
   */
  noUsage: boolean;
}

/**
 * Decides which changes block a check. A breaking change blocks when a persisted document of a published client
 * version (not excluded) selects a coordinate it affects, even without traffic; when the busiest coordinate it affects was used in
 * the window (excluded clients left out) at least `minRequests` times and, with `minPercent` above 0, by at least
 * that share of the variant's requests; when its affected coordinates cannot be told; in strict mode, whenever
 * they were not all deprecated in the served schema; and whenever the variant received no usage at all in the
 * window, unless `allowNoUsage`. Other changes never block.
 */
export async function applyUsageToChanges(db: Executor, input: ApplyUsageInput): Promise<UsageDecision> {
  const breaking = input.changes.filter((change) => change.criticality === Criticality.BREAKING);
  if (breaking.length === 0 || input.servedApiSdl === null) {
    return {
      changes: input.changes.map((change) => ({
        ...change,
        blocking: change.criticality === Criticality.BREAKING,
        usage: null,
      })),
      noUsage: false,
    };
  }
  const servedApiSdl = input.servedApiSdl;
  const { excludeClients } = input.options;
  const since = new Date((input.now ?? new Date()).getTime() - (parseDuration(input.options.usageWindow) ?? 0));
  const affected = new Map(breaking.map((change) => [change.id, affectedCoordinates(change, servedApiSdl)]));
  const allCoordinates = [...new Set([...affected.values()].flat())];
  const [usage, total, variantTotal, excludedUsage] = await Promise.all([
    coordinateUsage(db, { variantId: input.variantId, coordinates: allCoordinates, since, excludeClients }),
    sumRequestsSince(db, input.variantId, since, excludeClients),
    excludeClients.length > 0 ? sumRequestsSince(db, input.variantId, since, []) : undefined,
    excludeClients.length > 0
      ? coordinateUsage(db, { variantId: input.variantId, coordinates: allCoordinates, since })
      : Promise.resolve([]),
  ]);
  // After the usage reads, not beside them: a publish runs this inside its transaction, on one connection.
  const persisted = (await findDocumentsUsing(db, input.variantId, allCoordinates)).filter(
    (document) => !excludeClients.includes(document.clientName),
  );
  const noUsage = (variantTotal ?? total) === 0 && !input.options.allowNoUsage;
  const usageByCoordinate = new Map(usage.map((entry) => [entry.coordinate, entry]));
  const excludedByCoordinate = new Map(
    excludedUsage.map((entry) => [
      entry.coordinate,
      entry.clients.map((client) => client.name).filter((name) => excludeClients.includes(name)),
    ]),
  );
  const deprecated = new Set(
    listSchemaCoordinates(servedApiSdl)
      .filter((element) => element.deprecationReason !== null)
      .map((element) => element.coordinate),
  );
  const changes = input.changes.map((change): CheckedSchemaChange => {
    if (change.criticality !== Criticality.BREAKING) return { ...change, blocking: false, usage: null };
    const coordinates = affected.get(change.id) ?? [];
    const changeUsage = mergeUsage(
      coordinates.map((coordinate) => usageByCoordinate.get(coordinate)),
      total,
      [...new Set(coordinates.flatMap((coordinate) => excludedByCoordinate.get(coordinate) ?? []))].sort(),
    );
    const touched = new Set(coordinates);
    const documents = persisted
      .filter((document) => document.coordinates.some((coordinate) => touched.has(coordinate)))
      .map((document) => ({
        client: document.clientName,
        clientVersion: document.clientVersion,
        id: document.documentId,
        name: document.operationName,
      }));
    const used =
      documents.length > 0 ||
      (changeUsage.requests >= input.options.minRequests &&
        (input.options.minPercent <= 0 || (changeUsage.percent ?? 0) >= input.options.minPercent));
    const deprecatedFirst =
      coordinates.length > 0 && coordinates.every((coordinate) => isDeprecated(coordinate, deprecated));
    const blocking = noUsage || coordinates.length === 0 || used || (input.options.strict && !deprecatedFirst);
    return { ...change, blocking, usage: { ...changeUsage, documents } };
  });
  return { changes, noUsage };
}

/** An argument counts as deprecated when it or its field is. */
function isDeprecated(coordinate: string, deprecated: ReadonlySet<string>): boolean {
  return deprecated.has(coordinate) || deprecated.has(coordinate.replace(/\(\w+:\)$/, ''));
}

/** One change's usage from its affected coordinates' usage: the busiest coordinate's requests, clients and operations merged. */
export function mergeUsage(
  entries: (CoordinateUsage | undefined)[],
  total: number,
  excludedClients: string[],
): ChangeUsage {
  let requests = 0;
  const clients = new Map<string, ChangeUsage['clients'][number]>();
  const operations = new Map<string, ChangeUsage['operations'][number]>();
  for (const entry of entries) {
    if (!entry) continue;
    requests = Math.max(requests, entry.requests);
    for (const client of entry.clients) {
      const key = `${client.name}\u0000${client.version}`;
      const known = clients.get(key);
      if (!known || known.requests < client.requests) clients.set(key, { ...client });
    }
    for (const operation of entry.operations) {
      const known = operations.get(operation.signature);
      if (!known || known.requests < operation.requests) {
        operations.set(operation.signature, {
          name: operation.name || null,
          signature: operation.signature,
          requests: operation.requests,
        });
      }
    }
  }
  return {
    requests,
    percent: total > 0 ? Math.round((requests / total) * 10_000) / 100 : null,
    clients: [...clients.values()].sort((a, b) => b.requests - a.requests || a.name.localeCompare(b.name)),
    operations: [...operations.values()].sort(
      (a, b) => b.requests - a.requests || a.signature.localeCompare(b.signature),
    ),
    excludedClients,
  };
}
