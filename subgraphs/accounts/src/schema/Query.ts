import { builder } from '../builder';
import { Clinic } from './Clinic';
import { User } from './User';

builder.queryType({
  description: 'Entry points of the accounts subgraph.',
  fields: (t) => ({
    me: t.field({
      type: User,
      nullable: true,
      description: 'The signed-in user, from the identity the gateway forwards; null when anonymous.',
      resolve: (_root, _args, { identity, loaders }) =>
        identity.subject && !identity.service ? loaders.user.load(identity.subject) : null,
    }),
    clinic: t.field({
      type: Clinic,
      nullable: true,
      description: 'A clinic by id; null when there is none.',
      args: { id: t.arg.id({ required: true, description: 'Id of the clinic.' }) },
      resolve: (_root, { id }, { loaders }) => loaders.clinic.load(String(id)),
    }),
    user: t.field({
      type: User,
      nullable: true,
      description: 'A user by id; null when there is none.',
      args: { id: t.arg.id({ required: true, description: 'Id of the user.' }) },
      resolve: (_root, { id }, { loaders }) => loaders.user.load(String(id)),
    }),
  }),
});
