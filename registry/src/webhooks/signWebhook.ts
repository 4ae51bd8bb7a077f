import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header carrying `sha256=<hex>`: the HMAC-SHA256, keyed by the webhook's secret, of `<timestamp>.<body>`. */
export const SIGNATURE_HEADER = 'x-switchyard-signature';
/** Header carrying the Unix time (seconds) the attempt was signed at; part of the signed material. */
export const TIMESTAMP_HEADER = 'x-switchyard-timestamp';

/**
 * The signature of one attempt: `sha256=` and the hex HMAC-SHA256 of `${timestamp}.${body}` keyed by `secret`.
 * The timestamp is signed too, so a receiver that refuses old timestamps cannot be replayed an old delivery.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver checks a delivery against. */
export interface VerifyWebhookInput {
  secret: string;
  body: string;
  /** The `x-switchyard-signature` header. */
  signature: string | undefined;
  /** The `x-switchyard-timestamp` header. */
  timestamp: string | undefined;
  /** The receiver's clock, Unix seconds. Default now. */
  now?: number;
  /** How old (or how far ahead) a timestamp may be, in seconds. Default 300. */
  toleranceSeconds?: number;
}

/**
 * A receiver's check of a delivery, as the README describes it: the timestamp is recent and the signature matches
 * (compared in constant time). Returns why not, or `undefined` when it is genuine.
 */
export function findWebhookSignatureProblem(input: VerifyWebhookInput): string | undefined {
  const timestamp = Number(input.timestamp);
  if (input.timestamp === undefined || !/^\d{1,12}$/.test(input.timestamp)) return 'missing or malformed timestamp';
  const now = input.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (input.toleranceSeconds ?? 300)) return 'timestamp outside the tolerance';
  const expected = Buffer.from(signWebhook(input.secret, timestamp, input.body));
  const given = Buffer.from(input.signature ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'signature does not match';
  return undefined;
}
