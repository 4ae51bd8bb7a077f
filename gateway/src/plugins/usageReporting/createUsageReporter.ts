import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  type RefusedEntry,
  type UsageReport,
  UsageReportLimits,
  validateUsageReport,
} from '@switchyard/registry-client/usage';
import type { SubgraphFetchTally } from '../../subgraphs/subgraphFetchTally';
import { boundClientLabel, boundOperationMeta } from './boundUsageEntry';
import type { UsageReportingOptions } from './options';
import { sendUsageReport } from './sendUsageReport';
import { type OperationMeta, UsageBuffer } from './usageBuffer';

/** Counts requests and sends them to the registry in the background. */
export interface UsageReporter {
  /** Counts one request; never throws, never waits. */
  record(
    meta: OperationMeta,
    clientName: string,
    clientVersion: string,
    durationMs: number,
    failed: boolean,
    variableCoordinates?: ReadonlySet<string>,
    /** The distinct error codes of the response (`errorCodesOf`). */
    errorCodes?: readonly string[],
    /** Its document was not a persisted document (`PERSISTED_DOCUMENTS=log`). */
    unknownDocument?: boolean,
    /** The fetches its query plan sent, per subgraph. */
    subgraphFetches?: ReadonlyMap<string, SubgraphFetchTally>,
  ): void;
  /**
   * Sends everything counted before the call: waits for a send already in flight (which may have closed its window
   * before the latest counts), then sends the rest. Resolves when the registry has answered or the send failed.
   * Never rejects.
   */
  flush(): Promise<void>;
  /** Stops the timer, waits for an upload in flight and makes one last attempt for the rest. Never rejects. */
  stop(): Promise<void>;
  /** Requests counted but not yet accepted by the registry. */
  readonly pendingRequests: number;
}

/** How long to wait before retry number `failures` (1-based): doubling from `minMs` up to `maxMs`, with jitter. */
export function backoffDelay(failures: number, minMs: number, maxMs: number, random = Math.random): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.5 + random() * 0.5));
}

const hourMs = 3_600_000;
/** The UTC hour (epoch ms) a time falls in; the registry files a window's counts under the hour it starts in. */
const startOfHour = (ms: number) => ms - (((ms % hourMs) + hourMs) % hourMs);

/** A closed window waiting for the registry's answer: the exact report sent, resent as is (same id) until answered. */
interface PendingReport {
  report: UsageReport;
  requests: number;
  entries: number;
  bytes: number;
  /** When the window was closed (epoch ms); past the retry horizon it is dropped unsent. */
  closedAt: number;
}

/** Why buffered requests were dropped, as `switchyard_usage_reports_dropped_total{reason}`. */
type DropReason = 'buffer_full' | 'rejected' | 'refused' | 'shutdown' | 'expired';

/** Requests of the entries `refused` names in `report`: one client version's, or a whole operation's. */
function requestsOf(report: UsageReport, refused: readonly RefusedEntry[]): number {
  let requests = 0;
  for (const entry of refused) {
    const clients = report.operations[entry.operation]?.clients ?? [];
    const named = entry.client === undefined ? clients : clients.slice(entry.client, entry.client + 1);
    for (const client of named) requests += client.count;
  }
  return requests;
}

/**
 * The background half of usage reporting: a bounded in-memory buffer, closed into a report every `intervalMs` and
 * whenever it fills up. Each report gets a UUID when it is closed and is sent, and resent, exactly as it was: while
 * the registry is away (or its answer is lost) reports wait in a queue bounded by the same limits as the buffer and
 * are retried with exponential backoff and jitter, and the registry counts each id once, so a report whose answer
 * was lost is not counted twice. New counts go into new reports meanwhile. A report the registry refuses (4xx) is
 * dropped and counted, never resent; one still unsent after `retryHorizonMs` (default 24 hours) is dropped and
 * counted as `expired`.
 */
export function createUsageReporter(options: UsageReportingOptions): UsageReporter {
  const limits = {
    maxEntries: options.maxBufferedOperations ?? 5000,
    maxBytes: options.maxBufferedBytes ?? 8 * 1024 * 1024,
  };
  const intervalMs = options.intervalMs ?? 10_000;
  const minBackoffMs = options.minBackoffMs ?? 1000;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const retryHorizonMs = options.retryHorizonMs ?? UsageReportLimits.retryHorizonMs;
  const gateway = options.gateway ?? { id: `${hostname()}:${process.pid}`, version: '0.1.0' };
  const endpoint = {
    registryUrl: options.registryUrl,
    token: options.token,
    timeoutMs: options.requestTimeoutMs ?? 10_000,
  };
  const dropped = (reason: DropReason, count: number) => {
    if (count > 0) options.metrics?.usageReportsDropped.inc({ reason }, count);
  };
  /** Counts entries left out of `report` per reason (and their requests as `refused`); `unlisted` more had no reason. */
  const refusedEntries = (report: UsageReport, refused: readonly RefusedEntry[], unlisted = 0) => {
    for (const entry of refused) options.metrics?.usageEntriesDropped.inc({ reason: entry.code });
    if (unlisted > 0) options.metrics?.usageEntriesDropped.inc({ reason: 'UNLISTED' }, unlisted);
    dropped('refused', requestsOf(report, refused));
    if (refused.length > 0) {
      options.logger?.warn(
        { refused: refused.slice(0, 5), entries: refused.length + unlisted },
        'Usage report entries break the usage contract; they are left out and the rest is counted.',
      );
    }
  };

  let current = new UsageBuffer(limits);
  // Analyses are cached and shared by every request of an operation, so each is bounded once.
  const boundedMetas = new WeakMap<OperationMeta, OperationMeta>();
  const queue: PendingReport[] = [];
  let inFlight: Promise<void> | undefined;
  let failures = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const schedule = () => {
    if (stopped) return;
    const delay = failures > 0 ? backoffDelay(failures, minBackoffMs, maxBackoffMs) : intervalMs;
    timer = setTimeout(() => {
      void flush().finally(schedule);
    }, delay);
    timer.unref();
  };

  const schemaId = (): string | undefined => {
    try {
      return options.getSupergraph().id;
    } catch {
      return undefined;
    }
  };

  const toReport = (batch: UsageBuffer, closedAt: number): UsageReport => {
    const start = batch.windowStart ?? closedAt;
    // Windows never cross an hour boundary (see `record`): one closed by the timer after the hour turned ends there.
    const end = Math.max(start, Math.min(closedAt, startOfHour(start) + hourMs));
    return {
      id: randomUUID(),
      graph: options.graph,
      variant: options.variant,
      schemaId: schemaId(),
      gateway,
      window: { start: new Date(start).toISOString(), end: new Date(end).toISOString() },
      operations: batch.toOperations(),
    };
  };

  /** Closes the current window into a queued report. */
  const close = (now = Date.now()) => {
    if (current.requests === 0) return;
    const batch = current;
    current = new UsageBuffer(limits);
    // Checked against the contract the registry applies, so an entry it would refuse is left out (and counted)
    // here, and everything else is sent.
    const built = toReport(batch, now);
    const validation = validateUsageReport(built);
    if (!validation.ok) {
      dropped('rejected', batch.requests);
      options.logger?.warn(
        { issues: validation.issues },
        'A usage report breaks the usage contract; its counts are dropped.',
      );
      return;
    }
    refusedEntries(built, validation.refused);
    const report = validation.report;
    if (report.operations.length === 0) return;
    queue.push({
      report,
      requests: batch.requests - requestsOf(built, validation.refused),
      entries: batch.entries,
      bytes: batch.bytes,
      closedAt: now,
    });
  };

  /**
   * While the registry is away, the reports waiting before the newest hold at most the buffer's limits together;
   * the oldest go first (counted as `buffer_full`). While it answers, each report is sent as soon as it is closed.
   */
  const trim = () => {
    const waiting = queue.slice(0, -1);
    let entries = waiting.reduce((sum, pending) => sum + pending.entries, 0);
    let bytes = waiting.reduce((sum, pending) => sum + pending.bytes, 0);
    while (queue.length > 1 && (entries > limits.maxEntries || bytes > limits.maxBytes)) {
      const oldest = queue.shift();
      if (!oldest) break;
      entries -= oldest.entries;
      bytes -= oldest.bytes;
      dropped('buffer_full', oldest.requests);
    }
  };

  const dropExpired = (now: number) => {
    while (queue[0] && now - queue[0].closedAt > retryHorizonMs) {
      const expired = queue.shift();
      dropped('expired', expired?.requests ?? 0);
      options.logger?.warn(
        { reportId: expired?.report.id },
        'A usage report went unsent past the retry horizon; its counts are dropped.',
      );
    }
  };

  /** Sends the queued reports oldest first, until the queue is empty or one fails. */
  const drain = async (final: boolean): Promise<void> => {
    for (;;) {
      dropExpired(Date.now());
      const next = queue[0];
      if (!next) return;
      const outcome = await sendUsageReport(endpoint, next.report);
      if (outcome.kind === 'accepted') {
        queue.shift();
        failures = 0;
        refusedEntries(next.report, outcome.refused, outcome.refusedEntries - outcome.refused.length);
        continue;
      }
      if (outcome.kind === 'rejected') {
        queue.shift();
        failures = 0;
        if (outcome.refused.length > 0) {
          refusedEntries(next.report, outcome.refused, outcome.refusedEntries - outcome.refused.length);
          dropped('rejected', next.requests - requestsOf(next.report, outcome.refused));
        } else dropped('rejected', next.requests);
        options.logger?.warn(
          { status: outcome.status, message: outcome.message },
          'The registry refused a usage report; its counts are dropped.',
        );
        continue;
      }
      if (final) {
        const left = queue.splice(0);
        dropped(
          'shutdown',
          left.reduce((sum, pending) => sum + pending.requests, 0),
        );
        options.logger?.warn(
          { message: outcome.message },
          'Usage reports could not be sent at shutdown; their counts are dropped.',
        );
        return;
      }
      failures++;
      trim();
      options.logger?.debug({ message: outcome.message, failures }, 'Usage report not sent; retrying it with backoff.');
      return;
    }
  };

  const send = (final: boolean): Promise<void> => {
    if (inFlight) return inFlight;
    close();
    if (queue.length === 0) return Promise.resolve();
    const done = drain(final)
      .catch(() => undefined)
      .finally(() => {
        inFlight = undefined;
      });
    inFlight = done;
    return done;
  };

  const flush = async (): Promise<void> => {
    // A send in flight closed its window before it started: counts recorded since wait for the next one.
    while (inFlight) await inFlight;
    await send(false);
  };

  /** Closes the window now; sends it at once unless the registry is away (then the backoff timer decides). */
  const closeAndSend = () => {
    if (failures === 0 && !inFlight) {
      void flush();
      return;
    }
    close();
    if (failures > 0) trim();
  };

  schedule();

  return {
    record(
      meta,
      clientName,
      clientVersion,
      durationMs,
      failed,
      variableCoordinates,
      errorCodes,
      unknownDocument,
      subgraphFetches,
    ) {
      const name = boundClientLabel(clientName, UsageReportLimits.maxClientNameLength, 'unknown');
      const version = boundClientLabel(clientVersion, UsageReportLimits.maxClientVersionLength, '');
      let bounded = boundedMetas.get(meta);
      if (!bounded) {
        bounded = boundOperationMeta(meta, options.maxDocumentLength);
        boundedMetas.set(meta, bounded);
      }
      const now = Date.now();
      const windowStart = current.windowStart;
      // A request in a new hour closes the window of the last one, so every count is filed under its own hour.
      const hourTurned = windowStart !== undefined && startOfHour(now) !== startOfHour(windowStart);
      if (hourTurned) closeAndSend();
      if (
        current.record(
          bounded,
          name,
          version,
          durationMs,
          failed,
          variableCoordinates,
          now,
          errorCodes,
          unknownDocument,
          subgraphFetches,
        ) === 'dropped'
      ) {
        dropped('buffer_full', 1);
      }
      if (current.full && !stopped) closeAndSend();
    },

    flush,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (inFlight) await inFlight;
      await send(true);
    },
    get pendingRequests() {
      return current.requests + queue.reduce((sum, pending) => sum + pending.requests, 0);
    },
  };
}
