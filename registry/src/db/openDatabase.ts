import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema';

/** The registry's drizzle database over either driver; nothing above `db/` needs to know which. */
export type RegistryDatabase = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A database or an open transaction: what repositories run their statements on. */
export type Executor = RegistryDatabase | PgTransaction<PgQueryResultHKT, typeof schema>;

/** The registry's checked-in drizzle-kit migrations. */
export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

const migrationConfig = { migrationsFolder, migrationsSchema: 'drizzle', migrationsTable: 'registry_migrations' };

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; embedded PGlite when unset. */
  url?: string;
  /** PGlite data directory; in memory when unset or `memory://`. */
  dataDir?: string;
  /** Largest number of PostgreSQL connections. Default 10. */
  poolSize?: number;
  /** `work_mem` of every connection (`DATABASE_WORK_MEM`, like `32MB`). Default `defaultWorkMem`. */
  workMem?: string;
}

/**
 * Memory a query's sort or hash may take before spilling to disk: the usage reports group hundreds of thousands of
 * rows, which PostgreSQL's default 4MB sends to disk at several times the cost.
 */
export const defaultWorkMem = '32MB';
const workMemPattern = /^[1-9]\d*(kB|MB|GB)$/;

export interface OpenedDatabase {
  db: RegistryDatabase;
  driver: 'pglite' | 'postgres';
  close(): Promise<void>;
}

/** Advisory-lock key that serializes migrations of all Switchyard services on one PostgreSQL database. */
const MIGRATION_LOCK = 0x5357_4d47;

/**
 * Opens the registry's database and applies its migrations: the same schema and migrations serve embedded PGlite
 * (the default) and PostgreSQL chosen by URL.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const workMem = options.workMem ?? defaultWorkMem;
  if (!workMemPattern.test(workMem)) throw new Error(`work_mem must be a size like 32MB, not "${workMem}".`);
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      options: `-c work_mem=${workMem}`,
    });
    // An idle connection the server drops (a restart, a failover) must not crash the registry: the pool replaces it.
    pool.on('error', () => undefined);
    const db = drizzleNodePostgres({ client: pool, schema });
    // Services sharing one database (npm start with DATABASE_URL) migrate one at a time: drizzle's concurrent
    // `CREATE SCHEMA IF NOT EXISTS "drizzle"` otherwise races in pg_namespace. Same key as the subgraph kit.
    const lock = await pool.connect();
    try {
      await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await migrateNodePostgres(db, migrationConfig);
    } finally {
      await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      lock.release();
    }
    return { db, driver: 'postgres', close: () => pool.end() };
  }
  if (options.dataDir && !options.dataDir.startsWith('memory://')) mkdirSync(options.dataDir, { recursive: true });
  const client = new PGlite(options.dataDir);
  await client.exec(`set work_mem = '${workMem}'`);
  const db = drizzlePglite({ client, schema });
  await migratePglite(db, migrationConfig);
  return { db, driver: 'pglite', close: () => client.close() };
}
