import { randomBytes } from 'node:crypto';

/** The parts of a W3C `traceparent` header (`00-<trace id>-<parent span id>-<flags>`). */
export interface TraceParent {
  traceId: string;
  spanId: string;
  /** Two hex digits; `01` means sampled. */
  flags: string;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);

/** Reads a `traceparent` header; anything malformed (or with all-zero ids, which the spec forbids) is ignored. */
export function parseTraceparent(header: string | undefined): TraceParent | undefined {
  if (!header) return undefined;
  const match = TRACEPARENT.exec(header.trim().toLowerCase());
  if (!match) return undefined;
  const [, traceId = '', spanId = '', flags = ''] = match;
  if (traceId === ZERO_TRACE || spanId === ZERO_SPAN) return undefined;
  return { traceId, spanId, flags };
}

/** Prints a `traceparent` header. */
export function formatTraceparent({ traceId, spanId, flags }: TraceParent): string {
  return `00-${traceId}-${spanId}-${flags}`;
}

// Ids are cut from a pool of random bytes: one `randomBytes` call per 512 ids instead of one per id, which showed
// in profiles of the request path.
const POOL_SIZE = 8192;
let pool = randomBytes(POOL_SIZE);
let offset = 0;

function randomHex(bytes: number): string {
  if (offset + bytes > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + bytes);
  offset += bytes;
  return hex;
}

/** A random 16-byte trace id, hex-encoded. */
export function newTraceId(): string {
  return randomHex(16);
}

/** A random 8-byte span id, hex-encoded. */
export function newSpanId(): string {
  return randomHex(8);
}

/** The `traceparent` for a call made on behalf of `parent`: same trace and flags, a fresh span id. */
export function childTraceparent(parent: string | undefined): string {
  const parsed = parseTraceparent(parent);
  return parsed
    ? formatTraceparent({ ...parsed, spanId: newSpanId() })
    : formatTraceparent({ traceId: newTraceId(), spanId: newSpanId(), flags: '01' });
}
