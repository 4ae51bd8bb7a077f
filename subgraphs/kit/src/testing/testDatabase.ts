import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The storage backends a test suite runs on: always PGlite, and PostgreSQL when `DATABASE_URL` is set. In CI
 * (`CI` set) PostgreSQL is required, so a missing service fails the run instead of passing quietly.
 */
export function storageBackends(env: Record<string, string | undefined> = process.env): { name: string; url?: string }[] {
  const backends: { name: string; url?: string }[] = [{ name: 'pglite' }];
  const url = env.DATABASE_URL ?? (env.CI ? 'postgres://root@127.0.0.1:5432/test' : undefined);
  if (url) backends.push({ name: 'postgres', url });
  return backends;
}

/** Creates a fresh, empty PostgreSQL database next to `baseUrl`'s and returns its URL and a function that drops it. */
export async function createFreshDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `switchyard_test_${randomBytes(6).toString('hex')}`;
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
 * Fresh storage for one test suite on `backend`: the settings that point a subgraph at it (`DATABASE_URL` of a new
 * PostgreSQL database, or `DATA_DIR` of a new temp folder for PGlite), and a function that removes it afterwards.
 */
export async function createTestStorage(
  backend: { name: string; url?: string },
  label: string,
): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }> {
  if (backend.url) {
    const database = await createFreshDatabase(backend.url);
    return { env: { DATABASE_URL: database.url }, cleanup: database.drop };
  }
  const dir = mkdtempSync(join(tmpdir(), `${label}-`));
  return { env: { DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}
