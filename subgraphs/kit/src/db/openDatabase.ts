import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Logger as DrizzleLogger } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';

/** Advisory-lock key that serializes the subgraphs' migrations on one PostgreSQL database. */
const MIGRATION_LOCK = 0x5357_4d47;

/** A drizzle database over either driver; subgraph code never needs to know which. */
export type Database<TSchema extends Record<string, unknown>> = PgDatabase<PgQueryResultHKT, TSchema>;

/** Counts the SQL statements a database runs, so tests can prove that loads are batched. */
export class StatementCounter implements DrizzleLogger {
  count = 0;
  readonly statements: string[] = [];
  logQuery(query: string): void {
    this.count += 1;
    if (this.statements.length < 1000) this.statements.push(query);
  }
  reset(): void {
    this.count = 0;
    this.statements.length = 0;
  }
}

export interface OpenDatabaseOptions<TSchema extends Record<string, unknown>> {
  /** PostgreSQL URL; embedded PGlite when unset. */
  url?: string;
  /** PGlite data directory; in memory when unset. */
  dataDir?: string;
  schema: TSchema;
  /** Checked-in drizzle-kit migrations of the subgraph. */
  migrationsFolder: string;
  /**
   * Name of the subgraph's migrations journal (`drizzle.<name>_migrations`). The journal lives apart from the
   * subgraph's own PostgreSQL schema, which its first migration creates.
   */
  journal: string;
}

export interface OpenedDatabase<TSchema extends Record<string, unknown>> {
  db: Database<TSchema>;
  statements: StatementCounter;
  driver: 'pglite' | 'postgres';
  close(): Promise<void>;
}

/**
 * Opens the subgraph's database and applies its migrations: the same drizzle schema and migrations serve the
 * embedded PGlite default and a real PostgreSQL chosen by URL.
 */
export async function openDatabase<TSchema extends Record<string, unknown>>(
  options: OpenDatabaseOptions<TSchema>,
): Promise<OpenedDatabase<TSchema>> {
  const statements = new StatementCounter();
  const migrationConfig = {
    migrationsFolder: options.migrationsFolder,
    migrationsSchema: 'drizzle',
    migrationsTable: `${options.journal}_migrations`,
  };
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: 10 });
    // An idle connection the server drops (a restart, a failover) must not crash the subgraph: the pool replaces it.
    pool.on('error', () => undefined);
    const db = drizzleNodePostgres({ client: pool, schema: options.schema, logger: statements });
    // Subgraphs sharing one database migrate one at a time: drizzle's concurrent `CREATE SCHEMA IF NOT EXISTS
    // "drizzle"` otherwise races in pg_namespace. The lock is held on its own connection for the whole migration.
    const lock = await pool.connect();
    try {
      await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await migrateNodePostgres(db, migrationConfig);
    } finally {
      await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      lock.release();
    }
    statements.reset();
    return { db, statements, driver: 'postgres', close: () => pool.end() };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = new PGlite(options.dataDir);
  const db = drizzlePglite({ client, schema: options.schema, logger: statements });
  await migratePglite(db, migrationConfig);
  statements.reset();
  return { db, statements, driver: 'pglite', close: () => client.close() };
}
