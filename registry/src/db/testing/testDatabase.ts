import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type OpenedDatabase, openDatabase } from '../openDatabase';

const defaultPostgresUrl = 'postgres://root@127.0.0.1:5432/test';

/** A storage backend a shared suite runs on; `skipReason` is set when it cannot run here. */
export interface StorageBackend {
  name: 'pglite' | 'postgres';
  url?: string;
  skipReason?: string;
}

async function canConnect(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The backends every storage suite runs on: PGlite always, PostgreSQL at `DATABASE_URL` (default the local
 * service). With `CI` set PostgreSQL is required, so a missing service fails the run; without it, an unreachable
 * server skips the PostgreSQL run with the probe's error as the reason.
 */
export async function storageBackends(
  env: Record<string, string | undefined> = process.env,
): Promise<StorageBackend[]> {
  const url = env.DATABASE_URL || defaultPostgresUrl;
  const problem = env.CI ? undefined : await canConnect(url);
  return [
    { name: 'pglite' },
    problem
      ? { name: 'postgres', url, skipReason: `PostgreSQL at ${url} is unreachable (${problem})` }
      : { name: 'postgres', url },
  ];
}

/** Creates a fresh, empty PostgreSQL database next to `baseUrl`'s and returns its URL and a function that drops it. */
export async function createFreshDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `switchyard_registry_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Opens a fresh, migrated registry database on `backend`: in-memory PGlite, or a new PostgreSQL database that
 * `close` drops again.
 */
export async function openTestDatabase(backend: StorageBackend): Promise<OpenedDatabase> {
  if (!backend.url) return openDatabase({});
  const fresh = await createFreshDatabase(backend.url);
  const opened = await openDatabase({ url: fresh.url });
  return {
    ...opened,
    async close() {
      await opened.close();
      await fresh.drop();
    },
  };
}

/** A suite title that says why the suite is skipped, when it is. */
export function backendTitle(backend: StorageBackend): string {
  return backend.skipReason ? `${backend.name} (skipped: ${backend.skipReason})` : backend.name;
}
