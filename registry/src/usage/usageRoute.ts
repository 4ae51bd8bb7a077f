import { gunzip } from 'node:zlib';
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { RegistryDatabase } from '../db/openDatabase';
import { ErrorCode, SwitchyardError } from '../errors';
import { replyError } from '../http/respond';
import { findMalformedStringInJson } from '../input/malformedStrings';
import type { Principal } from '../tokens/Principal';
import { TokenScope } from '../tokens/TokenScope';
import { acceptUsageReport, DEFAULT_INBOX_MAX_REPORTS } from './acceptUsageReport';
import {
  checkWindowTime,
  defaultUsageIngestLimits,
  UsageErrorCode,
  type UsageIngestLimits,
  UsageReportLimits,
} from './contract';
import { createInboxGauge } from './inboxGauge';
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
  /**
   * Refuse reports with 503 `USAGE_INBOX_FULL` while this many wait to be folded (`USAGE_INBOX_MAX_REPORTS`).
   * Default `DEFAULT_INBOX_MAX_REPORTS` (20,000).
   */
  maxPendingReports?: number;
  /** Told about each accepted report (the fold schedule's `wake`, logs). */
  onAccepted?(summary: {
    graph: string;
    variant: string;
    operations: number;
    /** The report's id was counted before; nothing was added. */
    duplicate: boolean;
    durationMs: number;
  }): void;
}

/**
 * The `POST /v1/usage` route, as a Fastify plugin: authenticates a REPORT (or ADMIN) token for the report's graph, reads the body
 * with a size cap (Fastify's body reader, `bodyLimit`), gunzips it (`Content-Encoding: gzip`) with a cap on the output, validates it against the usage
 * contract and stores it in the inbox, once per report id (`acceptUsageReport`; the fold counts it). Answers 202 `{"accepted":{"operations":n}}` (with
 * `"duplicate":true` for a report whose id was counted before, which adds nothing) and, when some entries broke the
 * contract, `"refused":[{"operation","client"?,"code","message"}]` and `"refusedEntries"` (the rest is counted);
 * 400 `BAD_USAGE_REPORT` when the envelope or every entry breaks it, 400 `USAGE_WINDOW_IN_FUTURE` or
 * `USAGE_WINDOW_TOO_OLD` for a window more than `limits.maxClockSkewMs` ahead or `limits.maxReportAgeMs` behind the
 * registry's clock (do not retry), 401, 403, 413 `PAYLOAD_TOO_LARGE`, 503 `USAGE_INBOX_FULL` with `Retry-After` when
 * `maxPendingReports` wait to be folded, or 500 (retry later).
 */
export function usageRoute(deps: UsageIngestDependencies): FastifyPluginAsync {
  const maxBodyBytes = deps.maxBodyBytes ?? UsageReportLimits.maxCompressedBytes;
  const maxDecompressedBytes = deps.maxDecompressedBytes ?? UsageReportLimits.maxDecompressedBytes;
  const limits = deps.limits ?? defaultUsageIngestLimits;

  const maxPendingReports = deps.maxPendingReports ?? DEFAULT_INBOX_MAX_REPORTS;
  const gauge = createInboxGauge({ maxPending: maxPendingReports, now: deps.now });

  return async (app) => {
    // The body as bytes, whatever its type: it may be gzip, and is parsed only once it is known to be allowed.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBodyBytes }, (_request, body, done) =>
      done(null, body),
    );
    app.setErrorHandler((error, _request, reply) => replyError(reply, toUsageError(error, maxBodyBytes)));
    const principals = new WeakMap<FastifyRequest, Principal>();

    app.all(
      '/v1/usage',
      {
        bodyLimit: maxBodyBytes,
        // Before the body is read, so a caller without a REPORT token never gets megabytes read.
        preParsing: async (request, _reply, payload) => {
          if (request.method !== 'POST') return payload;
          const principal = await deps.authenticate(request.headers.authorization);
          if (principal.scope !== TokenScope.REPORT && principal.scope !== TokenScope.ADMIN) {
            throw new SwitchyardError(ErrorCode.FORBIDDEN, 'Usage reports need a REPORT token.');
          }
          principals.set(request, principal);
          return payload;
        },
      },
      async (request, reply) => {
        const principal = principals.get(request);
        if (request.method !== 'POST' || !principal) {
          return reply
            .code(405)
            .header('allow', 'POST')
            .send({ error: { code: 'METHOD_NOT_ALLOWED', message: 'Send usage reports with POST.' } });
        }
        const started = performance.now();
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const encoding = String(request.headers['content-encoding'] ?? 'identity').toLowerCase();
        let json: string;
        if (encoding === 'gzip') {
          const unzipped = await gunzipCapped(body, maxDecompressedBytes);
          if (typeof unzipped === 'string') return badReport(reply, unzipped);
          json = unzipped.toString('utf8');
        } else if (encoding === 'identity') json = body.toString('utf8');
        else return badReport(reply, `Content-Encoding "${encoding}" is not supported; send gzip or plain JSON.`);

        let value: unknown;
        try {
          value = JSON.parse(json);
        } catch (error) {
          return badReport(reply, `The body is not JSON: ${error instanceof Error ? error.message : String(error)}`);
        }
        const malformed = findMalformedStringInJson(json, value);
        if (malformed) return badReport(reply, `The usage report holds a ${malformed.reason} at ${malformed.path}.`);
        const validation = validateUsageReport(value, { maxCountPerEntry: limits.maxCountPerEntry });
        if (!validation.ok) return badReport(reply, 'The usage report breaks the contract.', validation.issues);
        const { report, refused } = validation;
        const late = checkWindowTime(report.window, (deps.now ?? Date.now)(), limits);
        if (late) return reply.code(400).send({ error: { ...late, window: report.window } });
        if (report.operations.length === 0 && refused.length > 0) {
          return badReport(
            reply,
            'Every entry of the usage report breaks the contract.',
            refused.slice(0, 20).map((entry) => entry.message),
            refused,
          );
        }
        if (principal.scope === TokenScope.REPORT && principal.graph !== report.graph) {
          // Decided from the token alone, so the answer says nothing about whether the graph exists.
          throw new SwitchyardError(
            ErrorCode.FORBIDDEN,
            `This token may not report usage for graph "${report.graph}".`,
          );
        }
        const result = await acceptUsageReport(deps.db, report, {
          maxPendingReports,
          gauge,
          // Unchanged by validation: kept compressed as it came.
          receivedGzip: encoding === 'gzip' && refused.length === 0 ? body : undefined,
        });
        if (!result.ok && result.code === UsageErrorCode.USAGE_INBOX_FULL) {
          return reply
            .code(503)
            .header('retry-after', '10')
            .send({ error: { code: result.code, message: result.message } });
        }
        if (!result.ok) return badReport(reply, result.message);
        deps.onAccepted?.({
          graph: report.graph,
          variant: report.variant,
          operations: result.operations,
          duplicate: result.duplicate,
          durationMs: performance.now() - started,
        });
        return reply.code(202).send({
          accepted: { operations: result.operations, ...(result.duplicate ? { duplicate: true } : {}) },
          ...refusedFields(refused),
        });
      },
    );
  };
}

function badReport(reply: FastifyReply, message: string, issues?: string[], refused?: RefusedEntry[]): FastifyReply {
  return reply.code(400).send({
    error: { code: UsageErrorCode.BAD_USAGE_REPORT, message, ...(issues ? { issues } : {}) },
    ...refusedFields(refused ?? []),
  });
}

/** The refused entries of an answer: listed up to `maxRefusedListed`, with their total. */
function refusedFields(refused: RefusedEntry[]): { refused?: RefusedEntry[]; refusedEntries?: number } {
  if (refused.length === 0) return {};
  return { refused: refused.slice(0, UsageReportLimits.maxRefusedListed), refusedEntries: refused.length };
}

/** Fastify's refusal of an over-long body, in the usage endpoint's words; the registry's own errors as they are. */
function toUsageError(error: unknown, maxBodyBytes: number): unknown {
  if ((error as FastifyError | undefined)?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return tooLarge('body', maxBodyBytes);
  return error;
}

function tooLarge(what: string, limit: number): SwitchyardError {
  return new SwitchyardError(
    ErrorCode.PAYLOAD_TOO_LARGE,
    `The usage report's ${what} exceeds ${limit} bytes; flush smaller reports.`,
    { body: { limit } },
  );
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
