import { builder } from '../builder';
import type { ProcedureRow } from '../db/schema';
import { KitItem } from './KitItem';

/** A clinical procedure and the kit of supplies it needs. */
export const Procedure = builder.objectRef<ProcedureRow>('Procedure').implement({
  description: 'A clinical procedure and the kit of supplies one performance of it uses.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable identifier of the procedure.' }),
    name: t.exposeString('name', { description: 'Display name of the procedure.' }),
    kit: t.field({
      type: [KitItem],
      description: 'The supplies one performance uses, in kit order (loaded in one batch for all procedures).',
      listSize: { assumedSize: 10 },
      resolve: (procedure, _args, { loaders }) => loaders.kitByProcedure.load(procedure.id),
    }),
  }),
});

builder.asEntity(Procedure, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, { loaders }) => loaders.procedure.load(ref.id),
});
