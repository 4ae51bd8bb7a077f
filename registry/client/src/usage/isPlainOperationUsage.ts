import { isValidName } from '../names';
import { LATENCY_HISTOGRAM_SIZE, UsageReportLimits } from './contract';

/**
 * The fast path of `validateUsageReport`: whether an operation entry (with every client entry) follows the contract
 * exactly as it is, so the zod schemas would accept it and return an equal value. What a well-behaved gateway sends
 * passes here in one allocation-free walk; anything else (an unknown key, a broken limit, a wrong type) answers
 * `false` and goes through the zod schemas, which give the refusal and its message. It never answers `true` for an
 * entry the schemas refuse or would change; `isPlainOperationUsage.test.ts` checks that against the schemas on
 * generated and mutated entries.
 */
export function isPlainOperationUsage(entry: unknown, maxCount: number): boolean {
  if (!isRecord(entry) || !hasOnlyKeys(entry, operationKeys, operationRequired)) return false;
  const { signature, name, type, document, coordinates, subgraphs, clients } = entry;
  if (typeof signature !== 'string' || !signaturePattern.test(signature)) return false;
  if (typeof name !== 'string' || name.length > UsageReportLimits.maxOperationNameLength) return false;
  if (type !== 'query' && type !== 'mutation' && type !== 'subscription') return false;
  if (typeof document !== 'string' || document.length < 1 || document.length > UsageReportLimits.maxDocumentLength) {
    return false;
  }
  if (!Array.isArray(coordinates) || coordinates.length > UsageReportLimits.maxCoordinatesPerOperation) return false;
  for (const coordinate of coordinates) if (!isCoordinate(coordinate)) return false;
  if (!Array.isArray(subgraphs) || subgraphs.length > UsageReportLimits.maxSubgraphsPerOperation) return false;
  for (const subgraph of subgraphs) if (typeof subgraph !== 'string' || !isValidName(subgraph)) return false;
  if (!Array.isArray(clients) || clients.length < 1 || clients.length > UsageReportLimits.maxClientsPerOperation) {
    return false;
  }
  for (const client of clients) if (!isPlainClientUsage(client, maxCount)) return false;
  return true;
}

/** Whether one client entry follows the contract as it is (see `isPlainOperationUsage`). */
export function isPlainClientUsage(entry: unknown, maxCount: number): boolean {
  if (!isRecord(entry) || !hasOnlyKeys(entry, clientKeys, clientRequired)) return false;
  const { name, version, count, errors, latencyHistogram, variableCoordinates, errorCodes, unknownDocuments } = entry;
  if (typeof name !== 'string' || name.length < 1 || name.length > UsageReportLimits.maxClientNameLength) return false;
  if (typeof version !== 'string' || version.length > UsageReportLimits.maxClientVersionLength) return false;
  if (!isCount(count, maxCount) || !isCount(errors, maxCount) || errors > count) return false;
  if (!isHistogramOf(latencyHistogram, count)) return false;
  if (variableCoordinates !== undefined) {
    if (!isRecord(variableCoordinates)) return false;
    for (const key in variableCoordinates) {
      if (key === '__proto__' || !isCoordinate(key) || !isCount(variableCoordinates[key], maxCount)) return false;
    }
  }
  if (errorCodes !== undefined) {
    if (!isRecord(errorCodes)) return false;
    let codes = 0;
    for (const key in errorCodes) {
      const n = errorCodes[key];
      codes++;
      if (key === '__proto__' || !isErrorCode(key) || !isCount(n, maxCount) || n > errors) return false;
    }
    if (codes > UsageReportLimits.maxErrorCodesPerEntry) return false;
  }
  if (unknownDocuments !== undefined && (!isCount(unknownDocuments, maxCount) || unknownDocuments > count)) {
    return false;
  }
  if (entry.subgraphFetches !== undefined && !isPlainSubgraphFetches(entry.subgraphFetches, maxCount)) return false;
  return true;
}

function isPlainSubgraphFetches(value: unknown, maxCount: number): boolean {
  if (!isRecord(value)) return false;
  let subgraphs = 0;
  for (const key in value) {
    subgraphs++;
    const fetched = value[key];
    if (!isValidName(key) || !isRecord(fetched) || !hasOnlyKeys(fetched, fetchKeys, fetchKeys.size)) return false;
    const { fetches, errors, latencyHistogram } = fetched;
    if (!isCount(fetches, maxCount) || !isCount(errors, maxCount) || errors > fetches) return false;
    if (!isHistogramOf(latencyHistogram, fetches)) return false;
  }
  return subgraphs <= UsageReportLimits.maxSubgraphsPerOperation;
}

const operationKeys = new Set(['signature', 'name', 'type', 'document', 'coordinates', 'subgraphs', 'clients']);
const operationRequired = operationKeys.size;
const clientKeys = new Set([
  'name',
  'version',
  'count',
  'errors',
  'latencyHistogram',
  'variableCoordinates',
  'errorCodes',
  'unknownDocuments',
  'subgraphFetches',
]);
const clientRequired = 5;
const fetchKeys = new Set(['fetches', 'errors', 'latencyHistogram']);

const signaturePattern = /^[0-9a-f]{64}$/;
// The contract's patterns (contract.ts), repeated so this file stands alone; the test compares both on every case.
const coordinatePattern = /^[_A-Za-z][_0-9A-Za-z]*\.[_A-Za-z][_0-9A-Za-z]*(\([_A-Za-z][_0-9A-Za-z]*:\))?$/;
const errorCodePattern = /^[A-Za-z0-9_.:-]+$/;

/** A plain JSON object, as `JSON.parse` makes them: no array, no prototype games. */
function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

/**
 * Every own key is one of `allowed`, none is `__proto__` (the schemas' copy would drop it), and at least `required`
 * of the first keys of `allowed` are there (the required ones come first).
 */
function hasOnlyKeys(value: Record<string, unknown>, allowed: ReadonlySet<string>, required: number): boolean {
  let present = 0;
  let index = 0;
  for (const key of allowed) {
    if (index++ >= required) break;
    if (value[key] === undefined) return false;
    present++;
  }
  for (const key of Object.keys(value)) {
    if (!allowed.has(key)) return false;
  }
  return present === required;
}

function isCount(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= max;
}

function isHistogramOf(value: unknown, total: number): boolean {
  if (!Array.isArray(value) || value.length !== LATENCY_HISTOGRAM_SIZE) return false;
  let sum = 0;
  for (const slot of value) {
    if (typeof slot !== 'number' || !Number.isSafeInteger(slot) || slot < 0) return false;
    sum += slot;
  }
  return sum === total;
}

function isCoordinate(value: unknown): boolean {
  return typeof value === 'string' && value.length <= 500 && coordinatePattern.test(value);
}

function isErrorCode(value: string): boolean {
  return value.length >= 1 && value.length <= UsageReportLimits.maxErrorCodeLength && errorCodePattern.test(value);
}
