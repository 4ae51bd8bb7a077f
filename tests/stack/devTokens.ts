import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Tokens `npm start` uses against its own registry, kept under `.switchyard/` so restarts reuse them. */
export interface DevTokens {
  admin: string;
  /** READ token the gateway polls the supergraph with. */
  gatewayRead?: string;
  /** REPORT token the gateway sends usage with. */
  gatewayReport?: string;
  /** The gateway API key of the development caller (see `devApiKeyEntry`). */
  devApiKey?: string;
}

/**
 * The development caller `npm start` gives the gateway (`API_KEYS`): the first seeded user, administrator of the
 * first clinic, with every scope the demo graph asks for, so each protected field can be tried with one header.
 */
export function devApiKeyEntry(key: string) {
  return {
    key,
    client: 'dev',
    subject: 'user_00001',
    scopes: ['orders:read', 'orders:write'],
    claims: { clinic_id: 'clinic_0001', role: 'ADMIN' },
  };
}

/** The development caller's key, made once and kept with the other tokens. */
export function ensureDevApiKey(path: string, tokens: DevTokens): string {
  if (tokens.devApiKey) return tokens.devApiKey;
  const devApiKey = `sy_key_${randomBytes(24).toString('base64url')}`;
  writeDevTokens(path, { ...readDevTokens(path), devApiKey });
  return devApiKey;
}

export function readDevTokens(path: string): DevTokens {
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as DevTokens;
  const tokens: DevTokens = { admin: `sy_dev_${randomBytes(24).toString('base64url')}` };
  writeDevTokens(path, tokens);
  return tokens;
}

export function writeDevTokens(path: string, tokens: DevTokens): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
}
