import { hostname } from 'node:os';
import { type UsageReport, UsageReportLimits } from '@switchyard/registry/usage';
import type { UsageReportingOptions } from './options';
import { type SendOutcome, sendUsageReport } from './sendUsageReport';
import { type OperationMeta, UsageBuffer } from './usageBuffer';

/** Counts requests and sends them to the registry in the background. */
export interface UsageReporter {
  /** Counts one request; never throws, never waits. */
  record(meta: OperationMeta, clientName: string, clientVersion: string, durationMs: number, failed: boolean, variableCoordinates?: ReadonlySet<string>): void;
  /** Sends what is buffered now; resolves when that send (or the one already in flight) has ended. Never rejects. */
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

/**
 * The background half of usage reporting: a bounded in-memory buffer, flushed every `intervalMs` and whenever it
 * fills up. While the registry is away, the unsent report stays in memory merged with new counts (within the same
 * limits) and is retried with exponential backoff and jitter; a report the registry refuses (4xx) is dropped and
 * counted, never resent.
 */
export function createUsageReporter(options: UsageReportingOptions): UsageReporter {
  const limits = {
    maxEntries: options.maxBufferedOperations ?? 5000,
    maxBytes: options.maxBufferedBytes ?? 8 * 1024 * 1024,
  };
  const intervalMs = options.intervalMs ?? 10_000;
  const minBackoffMs = options.minBackoffMs ?? 1000;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const gateway = options.gateway ?? { id: `${hostname()}:${process.pid}`, version: '0.1.0' };
  const endpoint = { registryUrl: options.registryUrl, token: options.token, timeoutMs: options.requestTimeoutMs ?? 10_000 };
  const dropped = (reason: 'buffer_full' | 'rejected' | 'shutdown', count: number) => {
    if (count > 0) options.metrics?.usageReportsDropped.inc({ reason }, count);
  };

  let current = new UsageBuffer(limits);
  let inFlight: { batch: UsageBuffer; done: Promise<void> } | undefined;
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

  const toReport = (batch: UsageBuffer): UsageReport => {
    const end = Date.now();
    // A report may not span more than a day: counts kept longer while the registry was away are dated later.
    const start = Math.max(batch.windowStart ?? end, end - UsageReportLimits.maxWindowMs + 1000);
    return {
      graph: options.graph,
      variant: options.variant,
      schemaId: schemaId(),
      gateway,
      window: { start: new Date(start).toISOString(), end: new Date(end).toISOString() },
      operations: batch.toOperations(),
    };
  };

  const settle = (batch: UsageBuffer, outcome: SendOutcome, final: boolean) => {
    switch (outcome.kind) {
      case 'accepted':
        failures = 0;
        return;
      case 'rejected':
        failures = 0;
        dropped('rejected', batch.requests);
        options.logger?.warn({ status: outcome.status, message: outcome.message }, 'The registry refused a usage report; its counts are dropped.');
        return;
      case 'failed':
        if (final) {
          dropped('shutdown', batch.requests);
          options.logger?.warn({ message: outcome.message }, 'The last usage report could not be sent at shutdown; its counts are dropped.');
          return;
        }
        failures++;
        dropped('buffer_full', current.absorb(batch));
        options.logger?.debug({ message: outcome.message, failures }, 'Usage report not sent; retrying with backoff.');
    }
  };

  const send = (final: boolean): Promise<void> => {
    if (inFlight) return inFlight.done;
    if (current.requests === 0) return Promise.resolve();
    const batch = current;
    current = new UsageBuffer(limits);
    const done = sendUsageReport(endpoint, toReport(batch))
      .then((outcome) => settle(batch, outcome, final))
      .catch(() => undefined)
      .finally(() => {
        inFlight = undefined;
      });
    inFlight = { batch, done };
    return done;
  };

  const flush = () => send(false);

  schedule();

  return {
    record(meta, clientName, clientVersion, durationMs, failed, variableCoordinates) {
      if (current.record(meta, clientName, clientVersion, durationMs, failed, variableCoordinates) === 'dropped') {
        dropped('buffer_full', 1);
      }
      // Full: send early, unless the registry is away (then the backoff timer decides when to try again).
      if (current.full && failures === 0 && !inFlight && !stopped) void flush();
    },
    flush,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (inFlight) await inFlight.done;
      await send(true);
    },
    get pendingRequests() {
      return current.requests + (inFlight?.batch.requests ?? 0);
    },
  };
}
