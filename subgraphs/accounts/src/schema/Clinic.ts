import { builder } from '../builder';
import type { ClinicRow } from '../db/schema';
import { User } from './User';

/** A clinic: the buying organisation, its users, and (in other subgraphs) its orders. */
export const Clinic = builder.objectRef<ClinicRow>('Clinic').implement({
  description: 'A clinic that buys medical supplies: one organisation with its own users and orders.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable identifier of the clinic.' }),
    name: t.exposeString('name', { description: 'Display name of the clinic.', tag: ['partner'] }),
    city: t.exposeString('city', { description: 'City where the clinic receives deliveries.', tag: ['partner'] }),
    createdAt: t.string({
      description: 'When the clinic joined, as an ISO-8601 timestamp.',
      resolve: (clinic) => clinic.createdAt.toISOString(),
    }),
    users: t.field({
      type: [User],
      description: 'People of this clinic who can sign in, ordered by id.',
      resolve: (clinic, _args, { loaders }) => loaders.usersByClinic.load(clinic.id),
    }),
  }),
});

builder.asEntity(Clinic, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, { loaders }) => loaders.clinic.load(ref.id),
});
