import type { KeyObject } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import {
  anonymous,
  type CallerIdentity,
  GATEWAY_ISSUER,
  IDENTITY_TOKEN_HEADER,
  MAX_IDENTITY_TOKEN_LIFETIME_S,
  UnsignedIdentityHeader,
} from './callerIdentity';
import { IDENTITY_ALGORITHMS, loadPublicKey } from './identityKeys';

/** How a subgraph verifies who is calling (see the kit's config: `SUBGRAPH_IDENTITY_*`). */
export interface IdentitySettings {
  /** The gateway's public key, PEM text or a PEM file's path (`SUBGRAPH_IDENTITY_KEY`). */
  gatewayKey?: string;
  /** JWKS URL publishing the gateway's keys (`SUBGRAPH_IDENTITY_JWKS_URL`), instead of `gatewayKey`. */
  gatewayJwksUrl?: string;
  /** Services that may call with their own credential: name → public key, PEM text or path (`SUBGRAPH_SERVICE_KEYS`). */
  serviceKeys: Readonly<Record<string, string>>;
  /** Trust the plain `x-switchyard-subject`/`-scopes`/`-claims` headers (`SUBGRAPH_TRUST_UNSIGNED_IDENTITY=insecure-dev`). */
  trustUnsigned: boolean;
}

type Headers = Record<string, string | string[] | undefined>;

export interface IdentityReader {
  /** The caller of one request: verified, or anonymous with `refusal` saying why what it carried was refused. */
  read(headers: Headers): Promise<CallerIdentity>;
  /** What to warn the operator about at startup (no verifier, or unsigned identity trusted); null when all is well. */
  readonly warning: string | null;
}

const NO_VERIFIER =
  'SUBGRAPH_IDENTITY_KEY is not set (nor SUBGRAPH_IDENTITY_JWKS_URL): this subgraph refuses caller identity, so every request runs anonymous';

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const refused = (refusal: string): CallerIdentity => ({ ...anonymous, refusal });

function fromGatewayPayload(payload: JWTPayload): CallerIdentity {
  const claims = payload.claims;
  const client = payload.client;
  return {
    subject: typeof payload.sub === 'string' && payload.sub ? payload.sub : null,
    service: null,
    scopes: new Set(typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : []),
    claims: claims && typeof claims === 'object' && !Array.isArray(claims) ? { ...claims } : {},
    clientName:
      client && typeof client === 'object' && typeof (client as { name?: unknown }).name === 'string'
        ? (client as { name: string }).name
        : null,
    refusal: null,
  };
}

/** The old plain headers, read only in insecure development mode; malformed claims count as none. */
function fromUnsignedHeaders(headers: Headers): CallerIdentity {
  let claims: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(header(headers, UnsignedIdentityHeader.CLAIMS) ?? '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) claims = { ...parsed };
  } catch {
    claims = {};
  }
  return {
    subject: header(headers, UnsignedIdentityHeader.SUBJECT) || null,
    service: null,
    scopes: new Set((header(headers, UnsignedIdentityHeader.SCOPES) ?? '').split(' ').filter(Boolean)),
    claims,
    clientName: header(headers, UnsignedIdentityHeader.CLIENT_NAME) || null,
    refusal: null,
  };
}

/**
 * Builds the identity reader of the subgraph `audience`. A token is accepted only when it is signed by the key of
 * the issuer it names (the gateway, or a service of `serviceKeys`), names this subgraph as its audience, has `exp`
 * and `iat`, lives at most 5 minutes and has not expired. A service's token speaks for that service only (`sub`
 * must be its name; it carries no user, scopes or claims). Throws a `ConfigError` for an unreadable key.
 */
export function createIdentityReader(audience: string, settings: IdentitySettings): IdentityReader {
  const gateway: KeyObject | JWTVerifyGetKey | undefined = settings.gatewayKey
    ? loadPublicKey(settings.gatewayKey, 'SUBGRAPH_IDENTITY_KEY')
    : settings.gatewayJwksUrl
      ? createRemoteJWKSet(new URL(settings.gatewayJwksUrl))
      : undefined;
  const services = new Map<string, KeyObject>();
  for (const [name, key] of Object.entries(settings.serviceKeys)) {
    services.set(name, loadPublicKey(key, `SUBGRAPH_SERVICE_KEYS (${name})`));
  }
  const verifies = Boolean(gateway) || services.size > 0;

  async function verifyToken(token: string): Promise<CallerIdentity> {
    let issuer: unknown;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      return refused('the identity token is malformed');
    }
    if (issuer === GATEWAY_ISSUER && !gateway) return refused(NO_VERIFIER);
    const key = issuer === GATEWAY_ISSUER ? gateway : typeof issuer === 'string' ? services.get(issuer) : undefined;
    if (!key || typeof issuer !== 'string') {
      return refused(`the identity token's issuer ${JSON.stringify(issuer ?? null)} is not trusted`);
    }
    const options = {
      issuer,
      audience,
      algorithms: [...IDENTITY_ALGORITHMS],
      requiredClaims: ['exp', 'iat'],
      maxTokenAge: MAX_IDENTITY_TOKEN_LIFETIME_S,
      clockTolerance: 5,
    };
    let payload: JWTPayload;
    try {
      ({ payload } =
        typeof key === 'function' ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options));
    } catch (error) {
      return refused(`the identity token was refused: ${error instanceof Error ? error.message : String(error)}`);
    }
    if ((payload.exp ?? 0) - (payload.iat ?? 0) > MAX_IDENTITY_TOKEN_LIFETIME_S) {
      return refused(`the identity token lives longer than ${MAX_IDENTITY_TOKEN_LIFETIME_S} s`);
    }
    if (issuer === GATEWAY_ISSUER) return fromGatewayPayload(payload);
    if (payload.sub !== issuer) return refused(`a ${issuer} token may only speak for ${issuer}`);
    return { ...anonymous, subject: issuer, service: issuer };
  }

  return {
    warning: settings.trustUnsigned
      ? 'SUBGRAPH_TRUST_UNSIGNED_IDENTITY=insecure-dev: plain identity headers are trusted from any caller; never run this way outside development'
      : verifies
        ? null
        : NO_VERIFIER,
    async read(headers) {
      const token = header(headers, IDENTITY_TOKEN_HEADER);
      if (token) return verifyToken(token);
      if (settings.trustUnsigned) return fromUnsignedHeaders(headers);
      const claimed = Object.values(UnsignedIdentityHeader).some(
        (name) => name !== UnsignedIdentityHeader.CLIENT_NAME && header(headers, name),
      );
      return claimed
        ? refused(
            verifies ? 'unsigned identity headers are ignored: identity comes only in a signed token' : NO_VERIFIER,
          )
        : anonymous;
    },
  };
}
