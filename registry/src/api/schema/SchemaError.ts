import type { SchemaError } from '../../changes/types';
import { builder } from '../builder';

export const SchemaErrorRef = builder.objectRef<SchemaError>('SchemaError').implement({
  description: 'A validation or composition error (or, as a warning, a composition hint).',
  fields: (t) => ({
    code: t.exposeString('code'),
    message: t.exposeString('message'),
    line: t.int({ nullable: true, resolve: (error) => error.line ?? null }),
    column: t.int({ nullable: true, resolve: (error) => error.column ?? null }),
    subgraph: t.string({ nullable: true, resolve: (error) => error.subgraph ?? null }),
  }),
});
