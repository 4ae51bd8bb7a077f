import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** An Ed25519 key pair as PEM text. */
interface KeyPair {
  privateKey: string;
  publicKey: string;
}

/**
 * Who vouches for whom in the stack: the gateway signs each subgraph fetch with its key, orders signs its own calls
 * to catalog and suppliers with its key, and every subgraph trusts the gateway's public key and orders' one. Each
 * value is a setting (PEM text, or a key file's path).
 */
export interface StackIdentity {
  /** Settings of the gateway: `SUBGRAPH_SIGNING_KEY`. */
  gatewayEnv: Record<string, string>;
  /** Settings of every subgraph: `SUBGRAPH_IDENTITY_KEY` and `SUBGRAPH_SERVICE_KEYS`. */
  subgraphEnv: Record<string, string>;
  /** Extra settings of the orders subgraph: its own `SERVICE_SIGNING_KEY`. */
  ordersEnv: Record<string, string>;
}

function generateKeyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

function toIdentity(gateway: { privateKey: string; publicKey: string }, orders: typeof gateway): StackIdentity {
  return {
    gatewayEnv: { SUBGRAPH_SIGNING_KEY: gateway.privateKey, FORWARD_CLAIMS: 'clinic_id,role' },
    subgraphEnv: {
      SUBGRAPH_IDENTITY_KEY: gateway.publicKey,
      SUBGRAPH_SERVICE_KEYS: JSON.stringify({ orders: orders.publicKey }),
    },
    ordersEnv: { SERVICE_SIGNING_KEY: orders.privateKey },
  };
}

/** Fresh keys held in memory (PEM text in the settings), for stacks that tests start in-process. */
export function generateStackIdentity(): StackIdentity {
  return toIdentity(generateKeyPair(), generateKeyPair());
}

/**
 * The keys of `npm start` under `dir` (`gateway.key.pem`, `gateway.pub.pem`, `orders.key.pem`, `orders.pub.pem`),
 * generated on first run with private keys readable by their owner only; the settings name the files.
 */
export function ensureStackIdentity(dir: string): StackIdentity & { created: boolean } {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const paths = (name: string) => ({
    privateKey: resolve(join(dir, `${name}.key.pem`)),
    publicKey: resolve(join(dir, `${name}.pub.pem`)),
  });
  let created = false;
  for (const name of ['gateway', 'orders']) {
    const files = paths(name);
    if (existsSync(files.privateKey) && existsSync(files.publicKey)) {
      // Keep an existing key pair; only tighten what a copy may have loosened.
      chmodSync(files.privateKey, 0o600);
      readFileSync(files.publicKey);
      continue;
    }
    const keys = generateKeyPair();
    writeFileSync(files.privateKey, keys.privateKey, { mode: 0o600 });
    writeFileSync(files.publicKey, keys.publicKey);
    created = true;
  }
  return { ...toIdentity(paths('gateway'), paths('orders')), created };
}
