import type { LookupAddress } from 'node:dns';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { guardedLookup, sendWebhook } from './sendWebhook';

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

describe('sendWebhook', () => {
  it('counts a redirect as a failure instead of following it', async () => {
    let followed = false;
    const target = await serve((_request, response) => {
      followed = true;
      response.end();
    });
    const url = await serve((_request, response) => {
      response.writeHead(307, { location: target });
      response.end();
    });
    const outcome = await sendWebhook({ url, body: '{}', headers: {}, timeoutMs: 5000 });
    expect(outcome).toMatchObject({ ok: false, statusCode: 307, error: 'answered 307' });
    expect(followed).toBe(false);
  });

  it('gives up on a receiver that never answers after the timeout', async () => {
    const url = await serve(() => {});
    const outcome = await sendWebhook({ url, body: '{}', headers: {}, timeoutMs: 50 });
    expect(outcome).toMatchObject({ ok: false, statusCode: null, error: 'no answer within 50 ms' });
  });

  it('refuses a hostname that resolves to a link-local or metadata address (DNS rebinding)', async () => {
    const rebinding = ((_host: string, _options: unknown, callback: (e: null, a: LookupAddress[]) => void) =>
      callback(null, [{ address: '169.254.169.254', family: 4 }])) as unknown as typeof import('node:dns').lookup;
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      guardedLookup(false, rebinding)('hooks.example.com', {}, (failure) => resolve(failure)),
    );
    expect(error).toMatchObject({ code: 'EADDRREFUSED' });
    const mixed = ((_host: string, _options: unknown, callback: (e: null, a: LookupAddress[]) => void) =>
      callback(null, [
        { address: 'fe80::1', family: 6 },
        { address: '203.0.113.7', family: 4 },
      ])) as unknown as typeof import('node:dns').lookup;
    const address = await new Promise<string>((resolve) =>
      guardedLookup(false, mixed)('hooks.example.com', {}, (_failure, chosen) => resolve(String(chosen))),
    );
    expect(address).toBe('203.0.113.7');
  });
});
