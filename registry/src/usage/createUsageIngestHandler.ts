import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzip } from 'node:zlib';
import type { RegistryDatabase } from '../db/openDatabase';
import { ErrorCode, SwitchyardError } from '../errors';
import { sendError, sendJson } from '../http/respond';
import { findMalformedString } from '../input/malformedStrings';
import type { Principal } from '../tokens/Principal';
import { TokenScope } from '../tokens/TokenScope';
import {
  checkWindowTime,
  defaultUsageIngestLimits,
  UsageErrorCode,
  type UsageIngestLimits,
  UsageReportLimits,
} from './contract';
import { ingestUsageReport } from './ingestUsageReport';
import { type RefusedEntry, validateUsageReport } from './validateUsageReport';

/** What the usage endpoint needs from the registry. */
export interface UsageIngestDependencies {
  db: RegistryDatabase;
  /**
   * Resolves the request's `Authorization` header to its token's grants, throwing `UNAUTHENTICATED` when it is
   * missing or unknown (the registry's `authenticate(db, readBearerToken(header))`).
   */
  authenticate(authorization: string | undefined): Promise<Principal>;
  /** Largest request body (gzip or plain JSON), in bytes. Default `UsageReportLimits.maxCompressedBytes` (4 MiB). */
  maxBodyBytes?: number;
  /** Largest decompressed body, in bytes. Default `UsageReportLimits.maxDecompressedBytes` (32 MiB). */
  maxDecompressedBytes?: number;
  /**
   * Window and count limits (`USAGE_MAX_CLOCK_SKEW`, `USAGE_MAX_REPORT_AGE`, `USAGE_MAX_COUNT_PER_ENTRY`). Default
   * `defaultUsageIngestLimits` (5 minutes, 48 hours, 10 billion).
   */
  limits?: UsageIngestLimits;
  /** The registry's clock, in epoch ms, which report windows are checked against. Default `Date.now`. */
  now?: () => number;
  /** Told about each accepted report, e.g. for logs. */
  onIngested?(summary: {
    graph: string;
    variant: string;
    operations: number;
    /** The report's id was counted before; nothing was added. */
    duplicate: boolean;
    durationMs: number;
  }): void;
}

/**
 * The `POST /v1/usage` handler: authenticates a REPORT (or ADMIN) token for the report's graph, reads the body
 * with a size cap, gunzips it (`Content-Encoding: gzip`) with a cap on the output, validates it against the usage
 * contract and folds it into the aggregates, once per report id. Answers 202 `{"accepted":{"operations":n}}` (with
 * `"duplicate":true` for a report whose id was counted before, which adds nothing) and, when some entries broke the
 * contract, `"refused":[{"operation","client"?,"code","message"}]` and `"refusedEntries"` (the rest is counted);
 * 400 `BAD_USAGE_REPORT` when the envelope or every entry breaks it, 400 `USAGE_WINDOW_IN_FUTURE` or
 * `USAGE_WINDOW_TOO_OLD` for a window more than `limits.maxClockSkewMs` ahead or `limits.maxReportAgeMs` behind the
 * registry's clock (do not retry), 401, 403, 413 `PAYLOAD_TOO_LARGE`, or 500 (retry later).
 */
export function createUsageIngestHandler(deps: UsageIngestDependencies) {
  const maxBodyBytes = deps.maxBodyBytes ?? UsageReportLimits.maxCompressedBytes;
  const maxDecompressedBytes = deps.maxDecompressedBytes ?? UsageReportLimits.maxDecompressedBytes;
  const limits = deps.limits ?? defaultUsageIngestLimits;

  return async function handleUsage(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    try {
      if (request.method !== 'POST') {
        request.resume();
        sendJson(
          response,
          405,
          { error: { code: 'METHOD_NOT_ALLOWED', message: 'Send usage reports with POST.' } },
          { allow: 'POST' },
        );
        return;
      }
      const principal = await deps.authenticate(request.headers.authorization);
      if (principal.scope !== TokenScope.REPORT && principal.scope !== TokenScope.ADMIN) {
        request.resume();
        throw new SwitchyardError(ErrorCode.FORBIDDEN, 'Usage reports need a REPORT token.');
      }
      const raw = await readRawBody(request, maxBodyBytes);
      const encoding = String(request.headers['content-encoding'] ?? 'identity').toLowerCase();
      let json: string;
      if (encoding === 'gzip') {
        const unzipped = await gunzipCapped(raw, maxDecompressedBytes);
        if (typeof unzipped === 'string') return badReport(response, unzipped);
        json = unzipped.toString('utf8');
      } else if (encoding === 'identity') json = raw.toString('utf8');
      else return badReport(response, `Content-Encoding "${encoding}" is not supported; send gzip or plain JSON.`);

      let value: unknown;
      try {
        value = JSON.parse(json);
      } catch (error) {
        return badReport(response, `The body is not JSON: ${error instanceof Error ? error.message : String(error)}`);
      }
      const malformed = findMalformedString(value);
      if (malformed) return badReport(response, `The usage report holds a ${malformed.reason} at ${malformed.path}.`);
      const validation = validateUsageReport(value, { maxCountPerEntry: limits.maxCountPerEntry });
      if (!validation.ok) return badReport(response, 'The usage report breaks the contract.', validation.issues);
      const { report, refused } = validation;
      const late = checkWindowTime(report.window, (deps.now ?? Date.now)(), limits);
      if (late) {
        sendJson(response, 400, { error: { ...late, window: report.window } });
        return;
      }
      if (report.operations.length === 0 && refused.length > 0) {
        return badReport(
          response,
          'Every entry of the usage report breaks the contract.',
          refused.slice(0, 20).map((entry) => entry.message),
          refused,
        );
      }
      if (principal.scope === TokenScope.REPORT && principal.graph !== report.graph) {
        // Decided from the token alone, so the answer says nothing about whether the graph exists.
        throw new SwitchyardError(ErrorCode.FORBIDDEN, `This token may not report usage for graph "${report.graph}".`);
      }
      const result = await ingestUsageReport(deps.db, report);
      if (!result.ok) return badReport(response, result.message);
      deps.onIngested?.({
        graph: report.graph,
        variant: report.variant,
        operations: result.operations,
        duplicate: result.duplicate,
        durationMs: performance.now() - started,
      });
      sendJson(response, 202, {
        accepted: { operations: result.operations, ...(result.duplicate ? { duplicate: true } : {}) },
        ...refusedFields(refused),
      });
    } catch (error) {
      sendError(response, error);
    }
  };
}

function badReport(response: ServerResponse, message: string, issues?: string[], refused?: RefusedEntry[]): void {
  sendJson(response, 400, {
    error: { code: UsageErrorCode.BAD_USAGE_REPORT, message, ...(issues ? { issues } : {}) },
    ...refusedFields(refused ?? []),
  });
}

/** The refused entries of an answer: listed up to `maxRefusedListed`, with their total. */
function refusedFields(refused: RefusedEntry[]): { refused?: RefusedEntry[]; refusedEntries?: number } {
  if (refused.length === 0) return {};
  return { refused: refused.slice(0, UsageReportLimits.maxRefusedListed), refusedEntries: refused.length };
}

function tooLarge(what: string, limit: number): SwitchyardError {
  return new SwitchyardError(
    ErrorCode.PAYLOAD_TOO_LARGE,
    `The usage report's ${what} exceeds ${limit} bytes; flush smaller reports.`,
    {
      body: { limit },
    },
  );
}

/** Reads the body as bytes, refusing it as soon as the declared or received size passes `limit`. */
function readRawBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    request.resume();
    return Promise.reject(tooLarge('body', limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (part: Buffer) => {
      size += part.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        reject(tooLarge('body', limit));
        return;
      }
      chunks.push(part);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/**
 * Gunzips with a cap on the output, so a small "zip bomb" cannot take the registry's memory. Resolves with a
 * message instead of bytes when the body is not gzip.
 */
function gunzipCapped(body: Buffer, limit: number): Promise<Buffer | string> {
  return new Promise((resolve, reject) => {
    gunzip(body, { maxOutputLength: limit }, (error, result) => {
      if (!error) return resolve(result);
      if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        return reject(tooLarge('decompressed body', limit));
      }
      resolve(`The body is not valid gzip: ${error.message}`);
    });
  });
}
