// Run once by compose.yaml's `keys` job: the gateway's and orders' Ed25519 key pairs in the directory given (the
// `keys` volume), private keys readable by their owner only (the images' `node` user), kept across restarts. The
// gateway signs each subgraph fetch with gateway.key.pem, orders signs its own calls with orders.key.pem, and every
// subgraph trusts the two public keys: the same files `npm start` makes under .switchyard/keys/.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '.';
for (const name of ['gateway', 'orders']) {
  const privatePath = join(dir, `${name}.key.pem`);
  if (existsSync(privatePath)) continue;
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(join(dir, `${name}.pub.pem`), publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
  writeFileSync(privatePath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  console.log(`generated ${privatePath}`);
}
