import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { RegistryDatabase } from '../../../registry/src/db/openDatabase';
import { rowsOf } from '../../../registry/src/db/sqlValues';
import { parseCpuMs } from '../gateway/processCpu';

/** CPU time (ms) used so far by each server process of the benchmark's database, by pid. */
export type DatabaseCpu = Map<number, number>;

/**
 * CPU time each backend serving the benchmark's own database has used so far, from `/proc`: the database's share of
 * the work when PostgreSQL runs on this machine (the default), whatever else uses the server. Undefined for PGlite,
 * a remote server or a host without procfs.
 */
export async function databaseCpu(db: RegistryDatabase): Promise<DatabaseCpu | undefined> {
  let pids: number[];
  try {
    pids = rowsOf<{ pid: number }>(
      await db.execute(sql`select pid from pg_stat_activity where datname = current_database()`),
    ).map((row) => Number(row.pid));
  } catch {
    return undefined;
  }
  const cpu: DatabaseCpu = new Map();
  for (const pid of pids) {
    try {
      const ms = parseCpuMs(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      if (ms !== undefined) cpu.set(pid, ms);
    } catch {
      // Not on this host (or gone).
    }
  }
  return cpu.size > 0 ? cpu : undefined;
}

/** CPU ms the database's backends used between two readings; a backend new since `before` counts from zero. */
export function databaseCpuBetween(
  before: DatabaseCpu | undefined,
  after: DatabaseCpu | undefined,
): number | undefined {
  if (!before || !after) return undefined;
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}
