import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase, RegistryDatabase } from './db/openDatabase';
import { openTestDatabase } from './db/testing/testDatabase';
import { createRegistryServer } from './server';

// HTTP behaviour only, the same on either store: PGlite.
describe('registry server close', () => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await openTestDatabase({ name: 'pglite' });
  });
  afterAll(async () => {
    await opened?.close();
  });

  it('lets a request in flight finish, then stops listening', async () => {
    // /health's database probe waits on a gate, so the test holds a request in flight without sleeping.
    let reached!: () => void;
    let release!: () => void;
    const inHandler = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const db = new Proxy(opened.db, {
      get(target, property, receiver) {
        if (property !== 'execute') return Reflect.get(target, property, receiver);
        return async (...args: Parameters<RegistryDatabase['execute']>) => {
          reached();
          await released;
          return target.execute(...args);
        };
      },
    });
    const server = createRegistryServer({
      db,
      logger: pino({ level: 'silent' }),
      limits: { maxSdlBytes: 16 * 1024, maxBodyBytes: 64 * 1024 },
    });
    const url = await server.listen(0);
    const inFlight = fetch(`${url}/health`);
    await inHandler;
    const closed = server.close();
    release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    await closed;
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });
});
