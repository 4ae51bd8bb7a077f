import { index, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

/** The accounts subgraph owns this PostgreSQL schema; no other subgraph reads it. */
export const accounts = pgSchema('accounts');

export const clinics = accounts.table('clinics', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  city: text('city').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const users = accounts.table(
  'users',
  {
    id: text('id').primaryKey(),
    clinicId: text('clinic_id')
      .notNull()
      .references(() => clinics.id),
    name: text('name').notNull(),
    email: text('email').notNull().unique('users_email_unique'),
    /** ADMIN, BUYER or CLINICIAN; text, since roles grow. */
    role: text('role').notNull(),
  },
  (t) => [index('users_clinic_id_idx').on(t.clinicId)],
);

export type ClinicRow = typeof clinics.$inferSelect;
export type UserRow = typeof users.$inferSelect;
