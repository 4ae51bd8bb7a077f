import type { Executor } from '../../db/openDatabase';
import { type OperationSummary, summarizeOperations } from '../../repositories/operationUsageRepository';
import { LATENCY_BUCKETS_MS } from '../contract';
import type { UsageWindow } from './usageWindow';

/** What one operation (by signature) did in a window. */
export interface OperationUsage {
  signature: string;
  /** Operation name; null for anonymous operations. */
  name: string | null;
  /** query, mutation or subscription. */
  type: string;
  requests: number;
  errors: number;
  /**
   * Median, 95th and 99th percentile latency in ms, interpolated within the histogram's buckets
   * (`LATENCY_BUCKETS_MS`); null without requests.
   */
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  /** Requests per latency bucket, `LATENCY_HISTOGRAM_SIZE` slots. */
  latencyHistogram: number[];
  /** When the operation was first and last seen (whole retention, not just the window). */
  firstSeen: string | null;
  lastSeen: string | null;
  /** The normalized document. */
  document: string;
}

/** Inputs of the operation usage report. */
export interface OperationUsageInput {
  variantId: string;
  window: UsageWindow;
  /** Only this client version's requests. */
  client?: { name: string; version: string };
}

/**
 * Every operation requested in the window, busiest first: requests, errors, latency percentiles from the summed
 * histograms, first/last seen and the normalized document.
 */
export async function operationUsage(db: Executor, input: OperationUsageInput): Promise<OperationUsage[]> {
  const rows = await summarizeOperations(db, input.variantId, {
    window: input.window,
    perClient: false,
    client: input.client,
  });
  return byBusiest(rows.map(toOperationUsage));
}

/** The key `operationUsageByClient` files a client version under. */
export function clientKey(client: { name: string; version: string }): string {
  return `${client.name}\u0000${client.version}`;
}

/** `operationUsage` of every client version at once (one query, however many clients), keyed by `clientKey`. */
export async function operationUsageByClient(
  db: Executor,
  input: { variantId: string; window: UsageWindow },
): Promise<Map<string, OperationUsage[]>> {
  const byClient = new Map<string, OperationUsage[]>();
  for (const row of await summarizeOperations(db, input.variantId, { window: input.window, perClient: true })) {
    const key = clientKey({ name: row.clientName, version: row.clientVersion });
    const list = byClient.get(key) ?? [];
    list.push(toOperationUsage(row));
    byClient.set(key, list);
  }
  for (const list of byClient.values()) byBusiest(list);
  return byClient;
}

function toOperationUsage(row: OperationSummary): OperationUsage {
  return {
    signature: row.signature,
    name: row.name === '' ? null : row.name,
    type: row.type,
    requests: row.requests,
    errors: row.errors,
    p50Ms: latencyPercentile(row.latencyHistogram, 0.5),
    p95Ms: latencyPercentile(row.latencyHistogram, 0.95),
    p99Ms: latencyPercentile(row.latencyHistogram, 0.99),
    latencyHistogram: row.latencyHistogram,
    firstSeen: row.firstSeen,
    lastSeen: row.lastSeen,
    document: row.document,
  };
}

function byBusiest(list: OperationUsage[]): OperationUsage[] {
  return list.sort((a, b) => b.requests - a.requests || a.signature.localeCompare(b.signature));
}

/**
 * The latency (ms) below which `fraction` of a histogram's requests fall (`LATENCY_BUCKETS_MS` buckets), linearly
 * interpolated inside the bucket; requests past the last bound count as the last bound. Null for no requests.
 */
export function latencyPercentile(histogram: readonly (number | undefined)[], fraction: number): number | null {
  const total = histogram.reduce<number>((sum, count) => sum + (count ?? 0), 0);
  if (total === 0) return null;
  const target = fraction * total;
  let seen = 0;
  for (let bucket = 0; bucket < histogram.length; bucket++) {
    const count = histogram[bucket] ?? 0;
    if (count > 0 && seen + count >= target) {
      const upper = LATENCY_BUCKETS_MS[bucket];
      const lastBound = LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1] ?? 0;
      if (upper === undefined) return lastBound;
      const lower = bucket === 0 ? 0 : (LATENCY_BUCKETS_MS[bucket - 1] ?? 0);
      return Math.round((lower + ((target - seen) / count) * (upper - lower)) * 100) / 100;
    }
    seen += count;
  }
  return LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1] ?? null;
}
