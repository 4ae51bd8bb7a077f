import { UsageReportLimits } from '@switchyard/registry-client/usage';
import type { OperationMeta } from './usageBuffer';

// C0/C1 control characters; the registry refuses NUL and lone surrogates outright, and none belongs in a label.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/g;

const loneSurrogates = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Cuts a string to `maxLength` UTF-16 units without splitting a surrogate pair. */
function cut(value: string, maxLength: number): string {
  if (value.length <= maxLength) return value;
  const end = /[\uD800-\uDBFF]/.test(value[maxLength - 1] ?? '') ? maxLength - 1 : maxLength;
  return value.slice(0, end);
}

/**
 * A client name or version as the usage contract takes it, whatever the caller sent: a string (anything else, such
 * as a token's object `sub`, becomes `fallback`), well-formed UTF-16, without control characters, trimmed and at most
 * `maxLength` characters; `fallback` when nothing is left.
 */
export function boundClientLabel(value: unknown, maxLength: number, fallback: string): string {
  if (typeof value !== 'string') return fallback;
  const clean = value.replace(loneSurrogates, '\uFFFD').replace(controlCharacters, '').trim();
  return cut(clean, maxLength) || fallback;
}

/**
 * An operation as the usage contract takes it, whatever its size: a normalized document over
 * `maxDocumentLength` (USAGE_MAX_DOCUMENT_LENGTH, default and at most `UsageReportLimits.maxDocumentLength`) is cut and ends with a GraphQL comment saying so (its signature, made from
 * the whole document, still identifies it, and its coordinates are all kept); a name, coordinates or subgraphs past
 * their limits are cut. Such an operation is still counted, rather than refused with every other in its report.
 */
export function boundOperationMeta(
  meta: OperationMeta,
  maxDocumentLength: number = UsageReportLimits.maxDocumentLength,
): OperationMeta {
  const limits = UsageReportLimits;
  const documentLimit = Math.min(maxDocumentLength, limits.maxDocumentLength);
  const tooLong = meta.document.length > documentLimit;
  if (
    !tooLong &&
    meta.name.length <= limits.maxOperationNameLength &&
    meta.coordinates.length <= limits.maxCoordinatesPerOperation &&
    meta.subgraphs.length <= limits.maxSubgraphsPerOperation
  ) {
    return meta;
  }
  const note = `\n# Cut by the gateway: the normalized document has ${meta.document.length} characters.`;
  return {
    ...meta,
    name: cut(meta.name, limits.maxOperationNameLength),
    document: tooLong ? `${cut(meta.document, Math.max(0, documentLimit - note.length))}${note}` : meta.document,
    coordinates: meta.coordinates.slice(0, limits.maxCoordinatesPerOperation),
    subgraphs: meta.subgraphs.slice(0, limits.maxSubgraphsPerOperation),
  };
}
