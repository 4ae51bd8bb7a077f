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
