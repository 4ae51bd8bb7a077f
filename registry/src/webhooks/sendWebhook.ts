import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isLinkLocalOrMetadata } from '../input/routingUrlPolicy';

/** One HTTP attempt's outcome: the receiver's status, or why there was none. */
export interface SendOutcome {
  /** 2xx: delivered. */
  ok: boolean;
  statusCode: number | null;
  /** Why it failed (a status, a timeout, a refused address, a connection error), at most 500 characters. */
  error: string | null;
  durationMs: number;
}

/** A request to send. */
export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  /** Give up after this long, ms (WEBHOOK_TIMEOUT_MS). */
  timeoutMs: number;
  /** Allow link-local and metadata addresses (tests of that refusal turn it off; nothing else turns it on). */
  allowLinkLocal?: boolean;
}

/** Sends one webhook attempt; tests pass their own. */
export type SendWebhook = (request: WebhookRequest) => Promise<SendOutcome>;

/**
 * A DNS lookup that refuses link-local and cloud metadata addresses, so a hostname that resolves (or is rebound)
 * to 169.254.169.254 after the URL was accepted still cannot be reached.
 */
export function guardedLookup(allowLinkLocal: boolean, resolve: typeof dnsLookup = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const allowed = allowLinkLocal ? addresses : addresses.filter((entry) => !isLinkLocalOrMetadata(entry.address));
      const [first] = allowed;
      if (!first) {
        const refused = Object.assign(new Error(`${hostname} resolves only to link-local or metadata addresses`), {
          code: 'EADDRREFUSED',
        });
        return callback(refused, '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
      return callback(null, first.address, first.family);
    });
  };
}

/**
 * POSTs a delivery with node:http(s): no redirects followed (a 3xx is a failure, so a receiver cannot bounce the
 * registry to an internal address), no connection reuse, the response body never read, and the whole attempt
 * bounded by `timeoutMs`.
 */
export const sendWebhook: SendWebhook = (request) => {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise<SendOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<SendOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, error: outcome.error?.slice(0, 500) ?? null, durationMs: elapsed() });
    };
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      finish({ ok: false, statusCode: null, error: 'invalid URL' });
      return;
    }
    const transport = url.protocol === 'https:' ? https : http;
    const req = transport.request(url, {
      method: 'POST',
      agent: false,
      lookup: guardedLookup(request.allowLinkLocal ?? false),
      headers: {
        ...request.headers,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(request.body)),
        'user-agent': 'Switchyard-Webhook/1',
      },
    });
    const timer = setTimeout(() => {
      finish({ ok: false, statusCode: null, error: `no answer within ${request.timeoutMs} ms` });
      req.destroy();
    }, request.timeoutMs);
    req.on('response', (response) => {
      const status = response.statusCode ?? 0;
      response.destroy();
      const ok = status >= 200 && status < 300;
      finish({ ok, statusCode: status, error: ok ? null : `answered ${status}` });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      finish({ ok: false, statusCode: null, error: error.code ? `${error.code}: ${error.message}` : error.message });
    });
    req.end(request.body);
  });
};
