import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors';

/** The JWS algorithms identity tokens use: Ed25519 (`EdDSA`, what `npm start` generates) or P-256 (`ES256`). */
export const IDENTITY_ALGORITHMS = ['EdDSA', 'ES256'] as const;
export type IdentityAlgorithm = (typeof IDENTITY_ALGORITHMS)[number];

/** A setting's PEM text: the value itself when it is PEM, else the content of the file it names. */
function readPem(value: string, setting: string): string {
  if (value.trimStart().startsWith('-----BEGIN')) return value;
  try {
    return readFileSync(value, 'utf8');
  } catch (error) {
    throw new ConfigError([`${setting}: cannot read the key file ${value} (${(error as NodeJS.ErrnoException).code})`]);
  }
}

function algorithmOf(key: KeyObject, setting: string): IdentityAlgorithm {
  if (key.asymmetricKeyType === 'ed25519') return 'EdDSA';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  throw new ConfigError([`${setting}: expected an Ed25519 or P-256 key, got ${key.asymmetricKeyType}`]);
}

/** Reads a public key (PEM text or a PEM file's path) that verifies identity tokens. */
export function loadPublicKey(value: string, setting: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(readPem(value, setting));
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError([`${setting}: not a PEM public key (${(error as Error).message})`]);
  }
  algorithmOf(key, setting);
  return key;
}

/** Reads a private key (PEM text or a PEM file's path) that signs identity tokens, and the algorithm it signs with. */
export function loadPrivateKey(value: string, setting: string): { key: KeyObject; algorithm: IdentityAlgorithm } {
  let key: KeyObject;
  try {
    key = createPrivateKey(readPem(value, setting));
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError([`${setting}: not a PEM private key (${(error as Error).message})`]);
  }
  return { key, algorithm: algorithmOf(key, setting) };
}
