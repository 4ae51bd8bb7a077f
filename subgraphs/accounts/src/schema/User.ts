import { requireUser } from '@switchyard/subgraph-kit';
import { builder } from '../builder';
import type { UserRow } from '../db/schema';
import { Clinic } from './Clinic';

/** What a user may do at their clinic. */
export const Role = builder.enumType('Role', {
  description: 'What a user may do at their clinic.',
  values: {
    ADMIN: { description: 'Manages the clinic account and its users.' },
    BUYER: { description: 'Places purchase orders for the clinic.' },
    CLINICIAN: { description: 'Uses supplies and views orders, but does not place them.' },
  } as const,
});

export const User = builder.objectRef<UserRow>('User');

User.implement({
  description: 'A person who signs in on behalf of one clinic.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable identifier of the user.' }),
    name: t.exposeString('name', { description: 'Full name of the user.' }),
    email: t.string({
      description: 'Work email address of the user; only signed-in callers see it.',
      authenticated: true,
      // The gateway enforces @authenticated first; this check holds for any other caller too.
      resolve: (user, _args, { identity }) => {
        requireUser(identity, 'Sign in to see email addresses.');
        return user.email;
      },
    }),
    role: t.field({
      type: Role,
      description: 'What the user may do at their clinic.',
      resolve: (user) => user.role as 'ADMIN' | 'BUYER' | 'CLINICIAN',
    }),
    clinic: t.field({
      type: Clinic,
      description: 'The clinic the user belongs to.',
      resolve: async (user, _args, { loaders }) => {
        const clinic = await loaders.clinic.load(user.clinicId);
        if (!clinic) throw new Error(`Clinic ${user.clinicId} of user ${user.id} is missing.`);
        return clinic;
      },
    }),
  }),
});

builder.asEntity(User, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, { loaders }) => loaders.user.load(ref.id),
});
