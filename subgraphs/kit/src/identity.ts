import { timingSafeEqual } from 'node:crypto';

/**
 * Headers through which the gateway tells a subgraph who is calling. A subgraph trusts them only when they come
 * with the gateway's shared secret (when one is configured).
 */
export const IdentityHeader = {
  SUBJECT: 'x-switchyard-subject',
  SCOPES: 'x-switchyard-scopes',
  CLAIMS: 'x-switchyard-claims',
  CLIENT_NAME: 'x-switchyard-client-name',
  GATEWAY_SECRET: 'x-switchyard-gateway-secret',
} as const;

/** The caller as the gateway authenticated it; every field empty for an anonymous caller. */
export interface CallerIdentity {
  userId: string | null;
  clinicId: string | null;
  role: string | null;
  scopes: ReadonlySet<string>;
}

export const anonymous: CallerIdentity = { userId: null, clinicId: null, role: null, scopes: new Set() };

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Whether the call carries the gateway's secret; always true when no secret is configured. */
export function carriesGatewaySecret(headers: Headers, secret: string | undefined): boolean {
  if (!secret) return true;
  const given = Buffer.from(header(headers, IdentityHeader.GATEWAY_SECRET) ?? '');
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Reads the caller identity from the gateway's headers; malformed claims are ignored rather than trusted. */
export function readCallerIdentity(headers: Headers): CallerIdentity {
  const userId = header(headers, IdentityHeader.SUBJECT) || null;
  const scopes = new Set((header(headers, IdentityHeader.SCOPES) ?? '').split(' ').filter(Boolean));
  let claims: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(header(headers, IdentityHeader.CLAIMS) ?? '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) claims = parsed as Record<string, unknown>;
  } catch {
    claims = {};
  }
  const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
  return { userId, clinicId: text(claims.clinic_id), role: text(claims.role), scopes };
}
