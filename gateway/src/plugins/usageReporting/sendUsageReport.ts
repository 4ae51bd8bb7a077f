import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { UsageReport } from '@switchyard/registry/usage';

const gzipAsync = promisify(gzip);

/** How an upload ended: accepted, refused for good (4xx: do not resend), or failed for now (retry). */
export type SendOutcome = { kind: 'accepted' } | { kind: 'rejected'; status: number; message: string } | { kind: 'failed'; message: string };

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
    if (response.ok) return { kind: 'accepted' };
    const message = `${response.status} ${text.slice(0, 500)}`;
    if (response.status >= 500 || response.status === 408 || response.status === 429) return { kind: 'failed', message };
    return { kind: 'rejected', status: response.status, message };
  } catch (error) {
    return { kind: 'failed', message: error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}` : String(error) };
  }
}
