import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { RefusedEntry, UsageReport } from '@switchyard/registry-client/usage';

const gzipAsync = promisify(gzip);

/**
 * How an upload ended: accepted, refused for good (4xx: do not resend), or failed for now (retry). `refused` lists
 * the entries the registry left out (the rest was counted), `refusedEntries` how many there were in all.
 */
export type SendOutcome =
  | { kind: 'accepted'; refused: RefusedEntry[]; refusedEntries: number }
  | { kind: 'rejected'; status: number; message: string; refused: RefusedEntry[]; refusedEntries: number }
  | { kind: 'failed'; message: string };

/** The refused entries of a registry answer, if it lists any. */
function readRefused(text: string): { refused: RefusedEntry[]; refusedEntries: number } {
  try {
    const body = JSON.parse(text) as { refused?: unknown; refusedEntries?: unknown };
    const refused = Array.isArray(body.refused)
      ? body.refused.filter(
          (entry): entry is RefusedEntry =>
            typeof entry === 'object' && entry !== null && typeof (entry as RefusedEntry).operation === 'number',
        )
      : [];
    const total = typeof body.refusedEntries === 'number' ? body.refusedEntries : refused.length;
    return { refused, refusedEntries: Math.max(total, refused.length) };
  } catch {
    return { refused: [], refusedEntries: 0 };
  }
}

/** Where and how reports are uploaded. */
export interface UsageEndpoint {
  registryUrl: string;
  token?: string;
  timeoutMs: number;
}

/**
 * Uploads one report as gzip-compressed JSON to `POST {registryUrl}/v1/usage`. Never throws: network errors,
 * timeouts, 5xx, 408 and 429 are `failed` (worth retrying); other 4xx are `rejected`.
 */
export async function sendUsageReport(endpoint: UsageEndpoint, report: UsageReport): Promise<SendOutcome> {
  try {
    const body = await gzipAsync(JSON.stringify(report));
    const response = await fetch(new URL('/v1/usage', endpoint.registryUrl), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        ...(endpoint.token ? { authorization: `Bearer ${endpoint.token}` } : {}),
      },
      body,
      signal: AbortSignal.timeout(endpoint.timeoutMs),
    });
    const text = await response.text().catch(() => '');
    if (response.ok) return { kind: 'accepted', ...readRefused(text) };
    const message = `${response.status} ${text.slice(0, 500)}`;
    if (response.status >= 500 || response.status === 408 || response.status === 429)
      return { kind: 'failed', message };
    return { kind: 'rejected', status: response.status, message, ...readRefused(text) };
  } catch (error) {
    return {
      kind: 'failed',
      message:
        error instanceof Error
          ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}`
          : String(error),
    };
  }
}
