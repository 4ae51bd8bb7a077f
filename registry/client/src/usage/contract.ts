import { z } from 'zod';
import { isValidName, NAME_RULE } from '../names';

/**
 * The usage report wire contract: what a gateway sends in `POST /v1/usage` (gzip-compressed JSON) and what the
 * registry accepts. The gateway imports it from here, so both sides always agree.
 */

/**
 * Upper bounds of the latency histogram buckets, in milliseconds. A histogram has one more slot than there are
 * bounds: the last counts requests slower than the last bound. Changing these changes the wire format.
 */
export const LATENCY_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000] as const;

/** Number of slots in a latency histogram (`LATENCY_BUCKETS_MS.length + 1`). */
export const LATENCY_HISTOGRAM_SIZE = LATENCY_BUCKETS_MS.length + 1;

/**
 * Size and shape limits of one report. A report whose envelope (id, graph, variant, gateway, window, number of
 * operations) breaks them is refused whole with `BAD_USAGE_REPORT`; an operation or client entry that breaks them is
 * refused alone (see `validateUsageReport`) and the rest is counted.
 */
export const UsageReportLimits = {
  /** Largest gzip body accepted, in bytes. */
  maxCompressedBytes: 4 * 1024 * 1024,
  /** Largest JSON body once decompressed, in bytes. */
  maxDecompressedBytes: 32 * 1024 * 1024,
  /** Most operations in one report. */
  maxOperations: 10_000,
  /** Longest client name, in characters (a longer `apollographql-client-name` is cut by the gateway). */
  maxClientNameLength: 200,
  /** Longest client version, in characters. */
  maxClientVersionLength: 200,
  /** Longest operation name, in characters. */
  maxOperationNameLength: 500,
  /** Most subgraphs per operation. */
  maxSubgraphsPerOperation: 500,
  /** Most refused entries a registry answer lists; `refusedEntries` gives the total. */
  maxRefusedListed: 1_000,
  /** Most clients (name + version) per operation. */
  maxClientsPerOperation: 1_000,
  /** Most coordinates per operation. */
  maxCoordinatesPerOperation: 5_000,
  /** Most distinct error codes in one client entry's `errorCodes` (the gateway counts the rest as `OTHER`). */
  maxErrorCodesPerEntry: 50,
  /** Longest error code, in characters. */
  maxErrorCodeLength: 100,
  /**
   * Largest count in one entry (requests, errors, a latency slot or a variable coordinate of one operation and client
   * version in one report), the default of the registry's `USAGE_MAX_COUNT_PER_ENTRY`: 10 billion, about 2.8 million
   * requests a second for an hour from one gateway, far above any real window and far below the 64-bit counters, so
   * forged counts cannot push a total past what reads exactly.
   */
  maxCountPerEntry: 10_000_000_000,
  /**
   * Longest normalized document the registry accepts, in characters: 256 K. The gateway cuts longer ones
   * (`USAGE_MAX_DOCUMENT_LENGTH`, at most this).
   */
  maxDocumentLength: 256 * 1024,
  /** Longest window a report may cover, in milliseconds. */
  maxWindowMs: 24 * 60 * 60 * 1000,
  /**
   * How long a gateway keeps resending a report it could not deliver (same id, same counts), in milliseconds, the
   * default of the gateway's `USAGE_RETRY_HORIZON_MS`: 24 hours, then it is dropped and counted as dropped.
   */
  retryHorizonMs: 24 * 60 * 60 * 1000,
  /**
   * How long the registry remembers the id of a report it counted, in milliseconds, the default of the registry's
   * `USAGE_REPORT_ID_RETENTION`: twice the gateway's retry horizon, so a resent report is always recognised,
   * whatever the clocks.
   */
  reportIdRetentionMs: 48 * 60 * 60 * 1000,
  /**
   * How far a window may end after the registry's clock, in milliseconds, the default of `USAGE_MAX_CLOCK_SKEW`: 5
   * minutes of clock skew. A report dated later is refused with `USAGE_WINDOW_IN_FUTURE`.
   */
  maxClockSkewMs: 5 * 60 * 1000,
  /**
   * How long ago a window may start, in milliseconds, the default of `USAGE_MAX_REPORT_AGE`: as long as report ids
   * are remembered (48 hours), since an older report could not be told from one already counted. A report dated
   * earlier is refused with `USAGE_WINDOW_TOO_OLD`; a gateway closes its windows every hour and resends for at most
   * its retry horizon.
   */
  maxReportAgeMs: 48 * 60 * 60 * 1000,
} as const;

/**
 * The limits a registry applies to report windows and counts, from its settings (`USAGE_MAX_CLOCK_SKEW`,
 * `USAGE_MAX_REPORT_AGE`, `USAGE_MAX_COUNT_PER_ENTRY`); `defaultUsageIngestLimits` when not configured.
 */
export interface UsageIngestLimits {
  /** How far a window may end after the registry's clock, in ms. */
  maxClockSkewMs: number;
  /** How long ago a window may start, in ms; at most the time report ids are remembered. */
  maxReportAgeMs: number;
  /** Largest count in one entry. */
  maxCountPerEntry: number;
}

/** The contract's defaults of `UsageIngestLimits`: 5 minutes, 48 hours, 10 billion. */
export const defaultUsageIngestLimits: UsageIngestLimits = {
  maxClockSkewMs: UsageReportLimits.maxClockSkewMs,
  maxReportAgeMs: UsageReportLimits.maxReportAgeMs,
  maxCountPerEntry: UsageReportLimits.maxCountPerEntry,
};

/** The usage endpoint's error codes, answered as `{"error":{"code","message","issues"?}}`. */
export const UsageErrorCode = {
  /** The report is not valid gzip/JSON or breaks the contract's shape or limits. HTTP 400; do not retry. */
  BAD_USAGE_REPORT: 'BAD_USAGE_REPORT',
  /** The window ends more than `USAGE_MAX_CLOCK_SKEW` after the registry's clock. HTTP 400; do not retry. */
  USAGE_WINDOW_IN_FUTURE: 'USAGE_WINDOW_IN_FUTURE',
  /** The window starts more than `USAGE_MAX_REPORT_AGE` before the registry's clock. HTTP 400; do not retry. */
  USAGE_WINDOW_TOO_OLD: 'USAGE_WINDOW_TOO_OLD',
  /** Too many reports wait to be counted (`USAGE_INBOX_MAX_REPORTS`). HTTP 503 with `Retry-After`; retry later. */
  USAGE_INBOX_FULL: 'USAGE_INBOX_FULL',
} as const;
export type UsageErrorCode = (typeof UsageErrorCode)[keyof typeof UsageErrorCode];

/** The kind of a GraphQL operation. */
export const OperationType = { query: 'query', mutation: 'mutation', subscription: 'subscription' } as const;
export type OperationType = (typeof OperationType)[keyof typeof OperationType];

const name = z.string().min(1).max(UsageReportLimits.maxClientNameLength);
/** A graph, variant or subgraph name, by the registry's one naming rule. */
const registryName = z.string().refine(isValidName, `must be ${NAME_RULE}`);
const countUpTo = (max: number) => z.number().int().nonnegative().max(max);
/** A schema coordinate: `Type.field`, `Type.field(arg:)`, `Input.field` or `Enum.VALUE`. */
const coordinatePattern = /^[_A-Za-z][_0-9A-Za-z]*\.[_A-Za-z][_0-9A-Za-z]*(\([_A-Za-z][_0-9A-Za-z]*:\))?$/;
const coordinate = z.string().max(500).regex(coordinatePattern, 'must be a schema coordinate');

/** An error code as GraphQL servers put it in `extensions.code`: `GRAPHQL_VALIDATION_FAILED`, `SUBGRAPH_TIMEOUT`. */
const errorCode = z
  .string()
  .min(1)
  .max(UsageReportLimits.maxErrorCodeLength)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'must be an error code (letters, digits, _ . : -)');

/** The code a gateway reports for an error without a string `extensions.code`. */
export const UNKNOWN_ERROR_CODE = 'UNKNOWN';
/** The code a gateway counts codes under once an entry has `maxErrorCodesPerEntry - 1` others. */
export const OTHER_ERROR_CODE = 'OTHER';

const latencyHistogram = z.custom<number[]>(
  (value) =>
    Array.isArray(value) &&
    value.length === LATENCY_HISTOGRAM_SIZE &&
    value.every((slot) => Number.isSafeInteger(slot) && slot >= 0),
  { message: `must be ${LATENCY_HISTOGRAM_SIZE} non-negative integers` },
);

const coordinateList = z
  .custom<string[]>((value) => Array.isArray(value) && value.length <= UsageReportLimits.maxCoordinatesPerOperation, {
    message: `must be a list of at most ${UsageReportLimits.maxCoordinatesPerOperation} schema coordinates`,
  })
  .superRefine((items, ctx) => {
    const bad = items.findIndex(
      (item: unknown) => typeof item !== 'string' || item.length > 500 || !coordinatePattern.test(item),
    );
    if (bad >= 0) ctx.addIssue({ code: 'custom', path: [bad], message: 'must be a schema coordinate' });
  });

/**
 * The schema of one client entry whose counts may reach `maxCount` (the registry's `USAGE_MAX_COUNT_PER_ENTRY`).
 */
export function createClientUsageSchema(maxCount: number) {
  const count = countUpTo(maxCount);
  return z
    .object({
      name: name,
      version: z.string().max(UsageReportLimits.maxClientVersionLength),
      /** Requests. */
      count,
      /** Requests whose response carried errors. */
      errors: count,
      /**
       * Requests per latency bucket, `LATENCY_HISTOGRAM_SIZE` slots (see `LATENCY_BUCKETS_MS`) of non-negative
       * integers summing to `count` (so none exceeds it). Checked in one pass: a schema per slot costs more than the
       * rest of the report together.
       */
      latencyHistogram: latencyHistogram,
      /**
       * Coordinates reached only through variable values (enum values and input fields passed in `variables`), with
       * the number of this client's requests that used each. Absent when the operation has no such variables.
       */
      variableCoordinates: z.record(coordinate, count).optional(),
      /**
       * Failed requests per error code (`extensions.code` of the response's errors; a request whose errors carry
       * several codes counts once under each). Absent from gateways older than this field, and when nothing failed.
       */
      errorCodes: z
        .record(errorCode, count)
        .refine((codes) => Object.keys(codes).length <= UsageReportLimits.maxErrorCodesPerEntry, {
          message: `must have at most ${UsageReportLimits.maxErrorCodesPerEntry} codes`,
        })
        .optional(),
      /**
       * Requests whose document was not a persisted document of the graph's clients (a gateway with
       * `PERSISTED_DOCUMENTS=log` serves them and marks them here; `require` refuses them). Absent when the gateway
       * does not check documents, and when every request was persisted.
       */
      unknownDocuments: count.optional(),
      /**
       * The fetches the executed query plans of these requests sent, per subgraph: how many (one per fetch node
       * executed, entity hops included), how many failed (no answer, an HTTP error or GraphQL errors) and their
       * latency in the requests' buckets. At most `maxSubgraphsPerOperation` subgraphs. Absent from gateways older
       * than this field, and when nothing was fetched (introspection, refusals).
       */
      subgraphFetches: z
        .record(
          registryName,
          z
            .object({ fetches: count, errors: count, latencyHistogram: latencyHistogram })
            .refine((fetch) => fetch.errors <= fetch.fetches, { message: 'errors must not exceed fetches' })
            .refine((fetch) => fetch.latencyHistogram.reduce((a, b) => a + b, 0) === fetch.fetches, {
              message: 'latencyHistogram must sum to fetches',
            }),
        )
        .refine((fetches) => Object.keys(fetches).length <= UsageReportLimits.maxSubgraphsPerOperation, {
          message: `must have at most ${UsageReportLimits.maxSubgraphsPerOperation} subgraphs`,
        })
        .optional(),
    })
    .refine((client) => client.errors <= client.count, { message: 'errors must not exceed count', path: ['errors'] })
    .refine((client) => (client.unknownDocuments ?? 0) <= client.count, {
      message: 'unknownDocuments must not exceed count',
      path: ['unknownDocuments'],
    })
    .refine((client) => Object.values(client.errorCodes ?? {}).every((n) => n <= client.errors), {
      message: 'an error code must not count more requests than errors',
      path: ['errorCodes'],
    })
    .refine((client) => client.latencyHistogram.reduce((a, b) => a + b, 0) === client.count, {
      message: 'latencyHistogram must sum to count',
      path: ['latencyHistogram'],
    });
}

/** Usage of one operation by one client version in the report's window. */
export const ClientUsage = createClientUsageSchema(UsageReportLimits.maxCountPerEntry);
export type ClientUsage = z.infer<typeof ClientUsage>;

/** One operation (by signature) and how each client used it. */
export const OperationUsage = z.object({
  /** sha256 hex of the normalized document. */
  signature: z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 hex digest'),
  /** Operation name, empty for anonymous operations. */
  name: z.string().max(UsageReportLimits.maxOperationNameLength),
  type: z.enum(['query', 'mutation', 'subscription']),
  /** The normalized document: literals replaced, whitespace collapsed. */
  document: z.string().min(1).max(UsageReportLimits.maxDocumentLength),
  /** Every schema coordinate the document references, whatever the variables. Checked in one pass, like histograms. */
  coordinates: coordinateList,
  /** Subgraphs that served (or would serve) the operation. */
  subgraphs: z.array(registryName).max(UsageReportLimits.maxSubgraphsPerOperation),
  clients: z.array(ClientUsage).min(1).max(UsageReportLimits.maxClientsPerOperation),
});
export type OperationUsage = z.infer<typeof OperationUsage>;

/** An operation entry without its clients, which are checked one by one. */
export const OperationUsageHeader = OperationUsage.omit({ clients: true }).extend({
  clients: z.array(z.unknown()).min(1).max(UsageReportLimits.maxClientsPerOperation),
});

const envelopeFields = {
  /**
   * A UUID the gateway makes for the report and keeps when it resends the same report. The registry counts each
   * id once and answers a resent one as accepted (`"duplicate": true`) without counting it again.
   */
  id: z.uuid(),
  graph: registryName,
  variant: registryName,
  /** Id (sha256) of the supergraph the gateway served. */
  schemaId: z.string().max(200).optional(),
  gateway: z.object({ id: z.string().min(1).max(200), version: z.string().max(100) }),
  /** ISO timestamps of the window the counts were collected in. */
  window: z.object({ start: z.iso.datetime({ offset: true }), end: z.iso.datetime({ offset: true }) }),
};

function checkWindow(report: { window: { start: string; end: string } }, ctx: z.RefinementCtx): void {
  const start = Date.parse(report.window.start);
  const end = Date.parse(report.window.end);
  if (end < start) ctx.addIssue({ code: 'custom', path: ['window', 'end'], message: 'must not be before start' });
  if (end - start > UsageReportLimits.maxWindowMs) {
    ctx.addIssue({
      code: 'custom',
      path: ['window'],
      message: `must not span more than ${UsageReportLimits.maxWindowMs} ms`,
    });
  }
}

/** A report with its operations unchecked: what must hold for any of it to be counted. */
export const UsageReportEnvelope = z
  .object({ ...envelopeFields, operations: z.array(z.unknown()).max(UsageReportLimits.maxOperations) })
  .superRefine(checkWindow);

/** One gateway's usage of one graph variant over a time window. */
export const UsageReport = z
  .object({ ...envelopeFields, operations: z.array(OperationUsage).max(UsageReportLimits.maxOperations) })
  .superRefine(checkWindow);
export type UsageReport = z.infer<typeof UsageReport>;

/** Why a report's window cannot be counted at `now`, or undefined when it can. */
export function checkWindowTime(
  window: { start: string; end: string },
  now: number,
  limits: Pick<UsageIngestLimits, 'maxClockSkewMs' | 'maxReportAgeMs'> = defaultUsageIngestLimits,
): { code: UsageErrorCode; message: string } | undefined {
  const end = Date.parse(window.end);
  const start = Date.parse(window.start);
  if (end > now + limits.maxClockSkewMs) {
    return {
      code: UsageErrorCode.USAGE_WINDOW_IN_FUTURE,
      message: `The usage window ends at ${window.end}, more than ${formatSpan(limits.maxClockSkewMs)} after the registry's clock (${new Date(now).toISOString()}); check the gateway's clock.`,
    };
  }
  if (start < now - limits.maxReportAgeMs) {
    return {
      code: UsageErrorCode.USAGE_WINDOW_TOO_OLD,
      message: `The usage window starts at ${window.start}, more than ${formatSpan(limits.maxReportAgeMs)} before the registry's clock (${new Date(now).toISOString()}); such usage is no longer accepted.`,
    };
  }
  return undefined;
}

/** A span of time in words: `5 minutes`, `48 hours`, `90 seconds`. */
function formatSpan(ms: number): string {
  const units: [number, string][] = [
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1000, 'second'],
  ];
  for (const [size, unit] of units) {
    if (ms >= size && ms % size === 0) return `${ms / size} ${unit}${ms === size ? '' : 's'}`;
  }
  return `${ms} ms`;
}

/** Index of the latency bucket a duration (ms) falls in. */
export function latencyBucketOf(durationMs: number): number {
  for (let index = 0; index < LATENCY_BUCKETS_MS.length; index++) {
    if (durationMs <= (LATENCY_BUCKETS_MS[index] ?? 0)) return index;
  }
  return LATENCY_BUCKETS_MS.length;
}
