import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/openDatabase';
import { LATENCY_BUCKETS_MS } from '../contract';
import {
  firstWholeDay,
  operationCounts,
  operationTotals,
  rowsOf,
  timestamp,
  toIso,
  toNumber,
  type UsageWindow,
} from './usageWindow';

/** What one operation (by signature) did in a window. */
export interface OperationUsage {
  signature: string;
  /** Operation name; null for anonymous operations. */
  name: string | null;
  /** query, mutation or subscription. */
  type: string;
  requests: number;
  errors: number;
  /** Median and 95th percentile latency in ms, interpolated within the histogram's buckets; null without requests. */
  p50Ms: number | null;
  p95Ms: number | null;
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
  const clientFilter = input.client
    ? sql`and client_name = ${input.client.name} and client_version = ${input.client.version}`
    : undefined;
  return (await queryOperationUsage(db, input.variantId, input.window, clientFilter, false)).get('') ?? [];
}

/** The key `operationUsageByClient` files a client version under. */
export function clientKey(client: { name: string; version: string }): string {
  return `${client.name}\u0000${client.version}`;
}

/**
 * `operationUsage` of every client version at once (two queries, however many clients), keyed by `clientKey`.
 */
export async function operationUsageByClient(
  db: Executor,
  input: { variantId: string; window: UsageWindow },
): Promise<Map<string, OperationUsage[]>> {
  return queryOperationUsage(db, input.variantId, input.window, undefined, true);
}

async function queryOperationUsage(
  db: Executor,
  variantId: string,
  window: UsageWindow,
  filter: SQL | undefined,
  perClient: boolean,
): Promise<Map<string, OperationUsage[]>> {
  const { since, until } = window;
  const client = perClient ? sql`client_name, client_version` : sql`'' as client_name, '' as client_version`;
  const clientGroup = perClient ? sql`, client_name, client_version` : sql``;
  // Every client together reads the daily totals over clients, a fraction of the per-client rows.
  const allClients = !perClient && filter === undefined;
  const clientFilter = filter ?? sql``;
  const counts = allClients ? operationTotals(variantId, since) : operationCounts(variantId, since);
  const [totalsResult, histogramResult] = await Promise.all([
    db.execute(sql`
      with per_operation as (
        select ${client}, signature, sum(count) as requests, sum(errors) as errors
        from ${counts} as usage
        where at < ${timestamp(until)} ${clientFilter}
        group by signature ${clientGroup}
      )
      select p.client_name, p.client_version, p.signature, o.name, o.type, o.document, o.first_seen, o.last_seen,
        p.requests, p.errors
      from per_operation p
      join registry.usage_operations o on o.variant_id = ${variantId} and o.signature = p.signature`),
    db.execute(sql`
      select ${client}, signature, bucket, sum(requests) as requests
      from ${operationHistograms(variantId, window, clientFilter, allClients)} as usage,
        unnest(latency_histogram) with ordinality as h(requests, bucket)
      group by signature, bucket ${clientGroup}`),
  ]);
  const histograms = new Map<string, number[]>();
  for (const row of rowsOf<{
    client_name: string;
    client_version: string;
    signature: string;
    bucket: unknown;
    requests: unknown;
  }>(histogramResult)) {
    const key = `${row.client_name}\u0000${row.client_version}\u0000${row.signature}`;
    const histogram = histograms.get(key) ?? [];
    histogram[toNumber(row.bucket) - 1] = toNumber(row.requests);
    histograms.set(key, histogram);
  }
  const rows = rowsOf<{
    client_name: string;
    client_version: string;
    signature: string;
    name: string;
    type: string;
    document: string;
    first_seen: unknown;
    last_seen: unknown;
    requests: unknown;
    errors: unknown;
  }>(totalsResult);
  const byClient = new Map<string, OperationUsage[]>();
  for (const row of rows) {
    const histogram = histograms.get(`${row.client_name}\u0000${row.client_version}\u0000${row.signature}`) ?? [];
    const key = perClient ? clientKey({ name: row.client_name, version: row.client_version }) : '';
    const list = byClient.get(key) ?? [];
    list.push({
      signature: row.signature,
      name: row.name === '' ? null : row.name,
      type: row.type,
      requests: toNumber(row.requests),
      errors: toNumber(row.errors),
      p50Ms: latencyPercentile(histogram, 0.5),
      p95Ms: latencyPercentile(histogram, 0.95),
      firstSeen: toIso(row.first_seen),
      lastSeen: toIso(row.last_seen),
      document: row.document,
    });
    byClient.set(key, list);
  }
  for (const list of byClient.values()) {
    list.sort((a, b) => b.requests - a.requests || a.signature.localeCompare(b.signature));
  }
  return byClient;
}

/**
 * Latency histograms of a variant's operations in a window, hourly and daily rows together; the daily totals over
 * clients when `allClients` (then `clientFilter` is empty).
 */
function operationHistograms(variantId: string, window: UsageWindow, clientFilter: SQL, allClients: boolean): SQL {
  const daily = allClients
    ? sql`select '' as client_name, '' as client_version, signature, latency_histogram from registry.usage_operation_totals_daily`
    : sql`select client_name, client_version, signature, latency_histogram from registry.usage_operations_daily`;
  return sql`(
    select client_name, client_version, signature, latency_histogram from registry.usage_operations_hourly
    where variant_id = ${variantId} and hour >= ${timestamp(window.since)} and hour < ${timestamp(window.until)} ${clientFilter}
    union all
    ${daily}
    where variant_id = ${variantId} and day >= ${firstWholeDay(window.since)}::date
      and (day::timestamp at time zone 'UTC') < ${timestamp(window.until)} ${clientFilter}
  )`;
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
