import { byKey, groupByKey, type Database } from '@switchyard/subgraph-kit';
import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import { type ClinicRow, clinics, type UserRow, users } from '../db/schema';
import type * as dbSchema from '../db/schema';

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
