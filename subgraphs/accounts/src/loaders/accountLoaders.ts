import type { Database } from '@switchyard/subgraph-kit';
import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import { type ClinicRow, clinics, type UserRow, users } from '../db/schema';
import type * as dbSchema from '../db/schema';

/** Groups rows by a key, in the order of `keys` (DataLoader wants results in key order). */
function byKey<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): (T | null)[] {
  const map = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => map.get(key) ?? null);
}

function groupByKey<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = map.get(key);
    if (group) group.push(row);
    else map.set(key, [row]);
  }
  return keys.map((key) => map.get(key) ?? []);
}

/** Fresh per-request loaders: every entity and child list of the accounts subgraph loads in one statement per tick. */
export function createAccountLoaders(db: Database<typeof dbSchema>) {
  return {
    clinic: new DataLoader<string, ClinicRow | null>(async (ids) =>
      byKey(ids, await db.select().from(clinics).where(inArray(clinics.id, [...ids])), (row) => row.id),
    ),
    user: new DataLoader<string, UserRow | null>(async (ids) =>
      byKey(ids, await db.select().from(users).where(inArray(users.id, [...ids])), (row) => row.id),
    ),
    usersByClinic: new DataLoader<string, UserRow[]>(async (clinicIds) =>
      groupByKey(
        clinicIds,
        await db.select().from(users).where(inArray(users.clinicId, [...clinicIds])).orderBy(users.id),
        (row) => row.clinicId,
      ),
    ),
  };
}

export type AccountLoaders = ReturnType<typeof createAccountLoaders>;
