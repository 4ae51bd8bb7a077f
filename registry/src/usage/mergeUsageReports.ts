import type { ErrorCodeCountRow, UnknownDocumentCountRow } from '../repositories/usageErrorCodeRepository';
import type { CoordinateCountRow, OperationCountRow, ReportedOperation } from '../repositories/usageIngestRepository';
import type { SubgraphFetchCountRow } from '../repositories/usageSubgraphFetchRepository';
import { LATENCY_HISTOGRAM_SIZE, type UsageReport } from './contract';

/**
 * Length of the time buckets recent usage is stored in, in ms: 5 minutes, so a report over the last hour covers the
 * last 60 minutes to within 5. The rollup merges them into whole hours once older than a day.
 */
export const USAGE_BUCKET_MS = 5 * 60_000;

/** The UTC 5-minute bucket a report's counts are stored under: the one its window starts in. */
export function bucketOf(iso: string): Date {
  const time = Date.parse(iso);
  return new Date(time - (((time % USAGE_BUCKET_MS) + USAGE_BUCKET_MS) % USAGE_BUCKET_MS));
}

/** The UTC hour a report's error codes are filed under: the one its window starts in. */
export function hourOf(iso: string): Date {
  const time = Date.parse(iso);
  return new Date(time - (((time % 3_600_000) + 3_600_000) % 3_600_000));
}

/** What a batch of reports adds to one variant: rows keyed and summed, sorted by key. */
export interface VariantUsageRows {
  variantId: string;
  operations: ReportedOperation[];
  operationCounts: OperationCountRow[];
  coordinateCounts: CoordinateCountRow[];
  /** Failed requests per error code, by the UTC hour the reports' windows started in (ISO). */
  errorCodeCounts: (ErrorCodeCountRow & { hour: string })[];
  /** Requests whose document no persisted document manifest held, by the UTC hour (ISO). */
  unknownDocumentCounts: (UnknownDocumentCountRow & { hour: string })[];
  /** Fetches per subgraph, operation and client version, by the UTC hour the reports' windows started in (ISO). */
  subgraphFetchCounts: (SubgraphFetchCountRow & { hour: string })[];
}

/**
 * Sums stay exact in a double up to 2^53; a batch that would pass it (only absurd counts can) stops there, and the
 * database's counters saturate at their own maximum the same way.
 */
const add = (a: number, b: number) => Math.min(a + b, Number.MAX_SAFE_INTEGER);

/** Adds `more`'s slots into `sums` in place (a copy the accumulator owns), saturating. */
function addInto(sums: number[], more: readonly number[]): void {
  for (let i = 0; i < sums.length; i++) sums[i] = add(sums[i] ?? 0, more[i] ?? 0);
}

const SEP = '\u0000';

/** One client version's requests of one operation in one bucket, and what its variables reached. */
interface ClientRequests {
  clientName: string;
  clientVersion: string;
  count: number;
  variableCoordinates: Map<string, number>;
}

/**
 * An operation as reported with one list of coordinates (the same signature may come with another after a schema
 * change), and its requests per client version.
 */
interface OperationRequests {
  coordinates: readonly string[];
  clients: Map<string, ClientRequests>;
}

/**
 * Accumulates reports into per-variant rows; `rows()` gives them summed and sorted. Coordinate counts are expanded
 * once per operation and client version of the batch, not once per report: a fleet's reports repeat the same
 * operations, so a batch of hundreds expands little more than one.
 */
class VariantAccumulator {
  private readonly operations = new Map<string, ReportedOperation>();
  /** Histograms are the accumulator's own copies, summed in place. */
  private readonly operationCounts = new Map<string, OperationCountRow & { latencyHistogram: number[] }>();
  /** bucket → operation (signature and coordinates) → its requests. */
  private readonly requests = new Map<string, Map<string, OperationRequests>>();
  private readonly errorCodeCounts = new Map<string, ErrorCodeCountRow & { hour: string }>();
  private readonly unknownDocumentCounts = new Map<string, UnknownDocumentCountRow & { hour: string }>();
  private readonly subgraphFetchCounts = new Map<
    string,
    SubgraphFetchCountRow & { hour: string; latencyHistogram: number[] }
  >();

  constructor(readonly variantId: string) {}

  add(report: UsageReport): void {
    const bucket = bucketOf(report.window.start).toISOString();
    const hour = hourOf(report.window.start).toISOString();
    const start = new Date(report.window.start).toISOString();
    const end = new Date(report.window.end).toISOString();
    let inBucket = this.requests.get(bucket);
    if (!inBucket) {
      inBucket = new Map();
      this.requests.set(bucket, inBucket);
    }
    for (const operation of report.operations) {
      const known = this.operations.get(operation.signature);
      // The latest report's coordinates and subgraphs win (they follow the schema); the span widens.
      this.operations.set(operation.signature, {
        signature: operation.signature,
        name: operation.name,
        type: operation.type,
        document: operation.document,
        coordinates: operation.coordinates,
        subgraphs: operation.subgraphs,
        firstSeen: known && known.firstSeen < start ? known.firstSeen : start,
        lastSeen: known && known.lastSeen > end ? known.lastSeen : end,
      });
      const operationKey = operation.signature + SEP + operation.coordinates.join(SEP);
      let requests = inBucket.get(operationKey);
      if (!requests) {
        requests = { coordinates: [...new Set(operation.coordinates)], clients: new Map() };
        inBucket.set(operationKey, requests);
      }
      for (const client of operation.clients) {
        this.addOperationCount(bucket, operation.signature, client);
        for (const [code, count] of Object.entries(client.errorCodes ?? {})) {
          this.addErrorCode(hour, operation.signature, client.name, client.version, code, count);
        }
        for (const [subgraph, fetched] of Object.entries(client.subgraphFetches ?? {})) {
          this.addSubgraphFetches(hour, subgraph, operation.signature, client.name, client.version, fetched);
        }
        if (client.unknownDocuments) {
          const key = hour + SEP + operation.signature + SEP + client.name + SEP + client.version;
          const known = this.unknownDocumentCounts.get(key);
          if (known) known.count = add(known.count, client.unknownDocuments);
          else {
            const { signature } = operation;
            const row = { hour, signature, clientName: client.name, clientVersion: client.version };
            this.unknownDocumentCounts.set(key, { ...row, count: client.unknownDocuments });
          }
        }
        const clientKey = client.name + SEP + client.version;
        let counted = requests.clients.get(clientKey);
        if (!counted) {
          counted = {
            clientName: client.name,
            clientVersion: client.version,
            count: 0,
            variableCoordinates: new Map(),
          };
          requests.clients.set(clientKey, counted);
        }
        counted.count = add(counted.count, client.count);
        for (const [coordinate, count] of Object.entries(client.variableCoordinates ?? {})) {
          counted.variableCoordinates.set(coordinate, add(counted.variableCoordinates.get(coordinate) ?? 0, count));
        }
      }
    }
  }

  /**
   * Requests per coordinate, bucket and client version: each operation's coordinates for every request, plus
   * coordinates reached only through variables. Sorted by bucket, coordinate, client name and version.
   */
  private coordinateCounts(): CoordinateCountRow[] {
    const rows: CoordinateCountRow[] = [];
    for (const bucket of [...this.requests.keys()].sort()) {
      // coordinate → client key → row
      const counts = new Map<string, Map<string, CoordinateCountRow>>();
      const count = (coordinate: string, clientKey: string, client: ClientRequests, requests: number) => {
        if (requests === 0) return;
        let byClient = counts.get(coordinate);
        if (!byClient) {
          byClient = new Map();
          counts.set(coordinate, byClient);
        }
        const row = byClient.get(clientKey);
        if (row) row.count = add(row.count, requests);
        else {
          const { clientName, clientVersion } = client;
          byClient.set(clientKey, { bucket, coordinate, clientName, clientVersion, count: requests });
        }
      };
      for (const operation of this.requests.get(bucket)?.values() ?? []) {
        const inDocument = new Set(operation.coordinates);
        for (const [clientKey, client] of operation.clients) {
          for (const coordinate of operation.coordinates) count(coordinate, clientKey, client, client.count);
          for (const [coordinate, requests] of client.variableCoordinates) {
            // A coordinate both in the document and in variables was already counted for every request.
            if (!inDocument.has(coordinate)) count(coordinate, clientKey, client, requests);
          }
        }
      }
      for (const coordinate of [...counts.keys()].sort())
        rows.push(...sortedValues(counts.get(coordinate) ?? new Map()));
    }
    return rows;
  }

  private addOperationCount(
    bucket: string,
    signature: string,
    client: UsageReport['operations'][number]['clients'][number],
  ) {
    const key = bucket + SEP + signature + SEP + client.name + SEP + client.version;
    const existing = this.operationCounts.get(key);
    if (!existing) {
      this.operationCounts.set(key, {
        bucket,
        signature,
        clientName: client.name,
        clientVersion: client.version,
        count: client.count,
        errors: client.errors,
        latencyHistogram: client.latencyHistogram.slice(0, LATENCY_HISTOGRAM_SIZE),
      });
      return;
    }
    existing.count = add(existing.count, client.count);
    existing.errors = add(existing.errors, client.errors);
    addInto(existing.latencyHistogram, client.latencyHistogram);
  }

  private addErrorCode(
    hour: string,
    signature: string,
    clientName: string,
    clientVersion: string,
    code: string,
    count: number,
  ) {
    if (count === 0) return;
    const key = hour + SEP + signature + SEP + clientName + SEP + clientVersion + SEP + code;
    const existing = this.errorCodeCounts.get(key);
    if (existing) existing.count = add(existing.count, count);
    else this.errorCodeCounts.set(key, { hour, signature, clientName, clientVersion, code, count });
  }

  private addSubgraphFetches(
    hour: string,
    subgraph: string,
    signature: string,
    clientName: string,
    clientVersion: string,
    fetched: { fetches: number; errors: number; latencyHistogram: readonly number[] },
  ) {
    if (fetched.fetches === 0) return;
    const key = hour + SEP + subgraph + SEP + signature + SEP + clientName + SEP + clientVersion;
    const existing = this.subgraphFetchCounts.get(key);
    if (!existing) {
      this.subgraphFetchCounts.set(key, {
        hour,
        subgraph,
        signature,
        clientName,
        clientVersion,
        fetches: fetched.fetches,
        errors: fetched.errors,
        latencyHistogram: fetched.latencyHistogram.slice(0, LATENCY_HISTOGRAM_SIZE),
      });
      return;
    }
    existing.fetches = add(existing.fetches, fetched.fetches);
    existing.errors = add(existing.errors, fetched.errors);
    addInto(existing.latencyHistogram, fetched.latencyHistogram);
  }

  rows(): VariantUsageRows {
    return {
      variantId: this.variantId,
      operations: sortedValues(this.operations),
      operationCounts: sortedValues(this.operationCounts),
      coordinateCounts: this.coordinateCounts(),
      errorCodeCounts: sortedValues(this.errorCodeCounts),
      unknownDocumentCounts: sortedValues(this.unknownDocumentCounts),
      subgraphFetchCounts: sortedValues(this.subgraphFetchCounts),
    };
  }
}

/**
 * Values in the order of their keys, compared by code unit (stable across runs), so concurrent writers lock rows
 * in one order.
 */
function sortedValues<T>(map: Map<string, T>): T[] {
  return [...map.keys()].sort().map((key) => map.get(key) as T);
}

/**
 * Sums reports into what they add to each variant: operations' metadata (first/last seen widened over the
 * reports), requests, errors and latency per operation, bucket and client version, and requests per coordinate,
 * bucket and client version (the operation's coordinates for every request, plus coordinates reached through
 * variables), and failed requests per error code, hour and client version. One INSERT may not touch a row twice, so every key appears once.
 */
export function mergeUsageReports(reports: Iterable<{ variantId: string; report: UsageReport }>): VariantUsageRows[] {
  const variants = new Map<string, VariantAccumulator>();
  for (const { variantId, report } of reports) {
    let accumulator = variants.get(variantId);
    if (!accumulator) {
      accumulator = new VariantAccumulator(variantId);
      variants.set(variantId, accumulator);
    }
    accumulator.add(report);
  }
  return sortedValues(variants).map((accumulator) => accumulator.rows());
}
