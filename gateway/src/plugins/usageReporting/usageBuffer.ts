import {
  LATENCY_HISTOGRAM_SIZE,
  latencyBucketOf,
  type OperationUsage,
  OTHER_ERROR_CODE,
  UsageReportLimits,
} from '@switchyard/registry-client/usage';
import {
  addSubgraphFetches,
  type SubgraphFetchTallies,
  type SubgraphFetchTally,
} from '../../subgraphs/subgraphFetchTally';

/** What is known of an operation once analysed: the same for every request with its signature. */
export interface OperationMeta {
  signature: string;
  name: string;
  type: OperationUsage['type'];
  document: string;
  coordinates: readonly string[];
  subgraphs: readonly string[];
}

interface ClientCounts {
  name: string;
  version: string;
  count: number;
  errors: number;
  latencyHistogram: number[];
  variableCoordinates: Map<string, number> | undefined;
  errorCodes: Map<string, number> | undefined;
  /** Requests whose document was not persisted (`PERSISTED_DOCUMENTS=log`). */
  unknownDocuments: number;
  /** The fetches these requests' query plans sent, per subgraph. */
  subgraphFetches: SubgraphFetchTallies | undefined;
}

interface OperationCounts {
  meta: OperationMeta;
  clients: Map<string, ClientCounts>;
}

/** Limits of a usage buffer. */
export interface UsageBufferLimits {
  /** Most (operation, client version) entries held. */
  maxEntries: number;
  /** Most bytes held, estimated from documents, coordinates and entries. */
  maxBytes: number;
}

/** Result of recording one request: counted, or dropped because the buffer is full. */
export type RecordOutcome = 'recorded' | 'dropped';

// Rough per-entry overhead in the report (names, numbers, histogram), for the byte estimate.
const entryBytes = 160;
// The same for one subgraph's fetches in an entry (name aside): fetches, errors and a histogram.
const subgraphFetchBytes = 80;

/**
 * Usage counted in memory between flushes: per operation signature and client (name, version), requests, errors
 * and a latency histogram. Recording a request is a few map lookups and increments; a new entry that would pass
 * `maxEntries` or `maxBytes` is refused (the caller counts it as dropped), while existing entries keep counting.
 */
export class UsageBuffer {
  readonly #operations = new Map<string, OperationCounts>();
  #entries = 0;
  #bytes = 0;
  #requests = 0;
  #windowStart: number | undefined;

  constructor(readonly limits: UsageBufferLimits) {}

  /**
   * Counts one request of an operation by a client; `errorCodes` are the distinct codes of its errors (past
   * `maxErrorCodesPerEntry - 1` codes an entry counts new ones as `OTHER`).
   */
  record(
    meta: OperationMeta,
    clientName: string,
    clientVersion: string,
    durationMs: number,
    failed: boolean,
    variableCoordinates?: ReadonlySet<string>,
    at = Date.now(),
    errorCodes: readonly string[] = [],
    unknownDocument = false,
    subgraphFetches?: ReadonlyMap<string, SubgraphFetchTally>,
  ): RecordOutcome {
    const client = this.#client(meta, clientName, clientVersion);
    if (!client) return 'dropped';
    client.count++;
    if (unknownDocument) client.unknownDocuments++;
    if (failed) {
      client.errors++;
      if (errorCodes.length > 0) client.errorCodes = countCodes(client.errorCodes ?? new Map(), errorCodes);
    }
    const bucket = latencyBucketOf(durationMs);
    client.latencyHistogram[bucket] = (client.latencyHistogram[bucket] ?? 0) + 1;
    if (variableCoordinates && variableCoordinates.size > 0) {
      client.variableCoordinates ??= new Map();
      for (const coordinate of variableCoordinates) {
        client.variableCoordinates.set(coordinate, (client.variableCoordinates.get(coordinate) ?? 0) + 1);
      }
    }
    if (subgraphFetches && subgraphFetches.size > 0) {
      client.subgraphFetches ??= new Map();
      // A subgraph's first fetch in an entry adds its name and histogram to the report: weigh it like an entry's.
      for (const subgraph of subgraphFetches.keys()) {
        if (!client.subgraphFetches.has(subgraph)) this.#bytes += subgraph.length + subgraphFetchBytes;
      }
      addSubgraphFetches(client.subgraphFetches, subgraphFetches);
    }
    this.#requests++;
    this.#windowStart ??= at;
    return 'recorded';
  }

  /** Whether a new entry would be refused now. */
  get full(): boolean {
    return this.#entries >= this.limits.maxEntries || this.#bytes >= this.limits.maxBytes;
  }

  /** (operation, client version) entries held. */
  get entries(): number {
    return this.#entries;
  }

  /** Bytes held, estimated. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Requests counted. */
  get requests(): number {
    return this.#requests;
  }

  /** When the first counted request arrived (epoch ms), if any. */
  get windowStart(): number | undefined {
    return this.#windowStart;
  }

  /** The operations in the wire contract's shape. */
  toOperations(): OperationUsage[] {
    return [...this.#operations.values()].map(({ meta, clients }) => ({
      signature: meta.signature,
      name: meta.name,
      type: meta.type,
      document: meta.document,
      coordinates: [...meta.coordinates],
      subgraphs: [...meta.subgraphs],
      clients: [...clients.values()].map((client) => ({
        name: client.name,
        version: client.version,
        count: client.count,
        errors: client.errors,
        latencyHistogram: [...client.latencyHistogram],
        ...(client.variableCoordinates ? { variableCoordinates: Object.fromEntries(client.variableCoordinates) } : {}),
        ...(client.errorCodes ? { errorCodes: Object.fromEntries(client.errorCodes) } : {}),
        ...(client.unknownDocuments > 0 ? { unknownDocuments: client.unknownDocuments } : {}),
        ...(client.subgraphFetches ? { subgraphFetches: subgraphFetchesOf(client.subgraphFetches) } : {}),
      })),
    }));
  }

  #client(meta: OperationMeta, name: string, version: string): ClientCounts | undefined {
    let operation = this.#operations.get(meta.signature);
    const key = `${name}\u0000${version}`;
    const existing = operation?.clients.get(key);
    if (existing) return existing;
    const bytes = entryBytes + name.length + version.length + (operation ? 0 : operationBytes(meta));
    if (this.#entries + 1 > this.limits.maxEntries || this.#bytes + bytes > this.limits.maxBytes) return undefined;
    // The registry refuses a report whose operation has more clients than this; better to drop one entry.
    if (operation && operation.clients.size >= UsageReportLimits.maxClientsPerOperation) return undefined;
    if (!operation) {
      operation = { meta, clients: new Map() };
      this.#operations.set(meta.signature, operation);
    }
    const client: ClientCounts = {
      name,
      version,
      count: 0,
      errors: 0,
      latencyHistogram: new Array<number>(LATENCY_HISTOGRAM_SIZE).fill(0),
      variableCoordinates: undefined,
      errorCodes: undefined,
      unknownDocuments: 0,
      subgraphFetches: undefined,
    };
    operation.clients.set(key, client);
    this.#entries++;
    this.#bytes += bytes;
    return client;
  }
}

function subgraphFetchesOf(tallies: SubgraphFetchTallies): Record<string, SubgraphFetchTally> {
  const fetches: Record<string, SubgraphFetchTally> = {};
  for (const [subgraph, tally] of tallies)
    fetches[subgraph] = { ...tally, latencyHistogram: [...tally.latencyHistogram] };
  return fetches;
}

/** Adds one request to each of its codes, past the contract's codes per entry under `OTHER`. */
function countCodes(counts: Map<string, number>, codes: readonly string[]): Map<string, number> {
  const kept = new Set<string>();
  for (const code of codes) {
    const room = counts.has(code) || counts.size + kept.size < UsageReportLimits.maxErrorCodesPerEntry - 1;
    kept.add(room ? code : OTHER_ERROR_CODE);
  }
  // A request counts once per code, so no code outgrows the entry's errors.
  for (const code of kept) counts.set(code, (counts.get(code) ?? 0) + 1);
  return counts;
}

function operationBytes(meta: OperationMeta): number {
  let bytes = meta.document.length + meta.name.length + 100;
  for (const coordinate of meta.coordinates) bytes += coordinate.length + 3;
  for (const subgraph of meta.subgraphs) bytes += subgraph.length + 3;
  return bytes;
}
